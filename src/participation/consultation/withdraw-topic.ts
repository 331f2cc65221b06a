import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { participationPolicy } from '../policy.ts';
import { TOPIC_STATUS_NAMES, WithdrawTopicInput } from './model.ts';
import { getTopic, updateTopic } from './store.ts';
import type { TopicRow } from './tables.ts';

/** 撤回: the proposer withdraws a topic not yet on an agenda (one on an agenda is decided there). */
export async function withdrawTopic(options: {
  db: Db;
  principal: Principal;
  topicId: string;
  input: { reason: string };
  requestId?: string | null;
}): Promise<TopicRow> {
  const input = WithdrawTopicInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const topic = await getTopic(tx, options.topicId, { forUpdate: true });
    if (!topic || topic.districtCode !== principal.districtCode) throw notFound('议题', options.topicId);
    authorize(principal, participationPolicy.proposeTopic, {
      districtCode: topic.districtCode,
      paths: [topic.communityPath],
    });
    if (topic.origin !== 'resident' || !['collecting', 'topic'].includes(topic.status)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `议题${TOPIC_STATUS_NAMES[topic.status]}，不能撤回 (cannot withdraw)`,
        { status: topic.status, step: 'withdraw' },
      );
    }
    await updateTopic(tx, topic.id, { status: 'withdrawn' });
    await appendAudit(tx, {
      districtCode: topic.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'consultation_topic.withdraw',
      targetType: 'consultation_topic',
      targetId: topic.id,
      details: { reason: input.reason },
      requestId: options.requestId ?? null,
    });
    return (await getTopic(tx, topic.id)) as TopicRow;
  });
}
