import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { participationPolicy } from '../policy.ts';
import { SupportTopicInput, TOPIC_STATUS_NAMES } from './model.ts';
import { countSupports, getTopic, insertSupport, updateTopic } from './store.ts';
import type { TopicRow } from './tables.ts';

/** One person, one support: the phone when given, else the name within the household. */
export function supporterKey(p: { name: string; phone?: string | null; household?: string | null }): string {
  if (p.phone) return `tel:${p.phone.replace(/\D/g, '')}`;
  return `name:${p.name.replace(/\s+/g, '')}|${(p.household ?? '').replace(/\s+/g, '')}`;
}

const OPEN_FOR_SUPPORT: readonly TopicRow['status'][] = ['collecting', 'topic', 'scheduled'];

/**
 * 附议: a resident supports a proposal. The same person twice is ALREADY_SUPPORTED (409); the support
 * that reaches the threshold turns the proposal into a topic (议题) in the same transaction.
 */
export async function supportTopic(options: {
  db: Db;
  principal: Principal;
  topicId: string;
  input: SupportTopicInput;
  requestId?: string | null;
}): Promise<TopicRow> {
  const input = SupportTopicInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const topic = await getTopic(tx, options.topicId, { forUpdate: true });
    if (!topic || topic.districtCode !== principal.districtCode) throw notFound('议题', options.topicId);
    authorize(principal, participationPolicy.proposeTopic, {
      districtCode: topic.districtCode,
      paths: [topic.communityPath],
    });
    if (!OPEN_FOR_SUPPORT.includes(topic.status)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `议题${TOPIC_STATUS_NAMES[topic.status]}，不再接受附议 (closed for support)`,
        { status: topic.status, step: 'support' },
      );
    }
    const added = await insertSupport(tx, {
      id: uuidv7(),
      districtCode: topic.districtCode,
      topicId: topic.id,
      supporterName: input.name,
      supporterPhone: input.phone ?? null,
      household: input.household ?? null,
      supporterKey: supporterKey(input),
      createdByLabel: principal.displayName,
    });
    if (!added) throw new AppError('ALREADY_SUPPORTED', '该居民已附议此议题 (already supported)');
    const count = await countSupports(tx, topic.id);
    const reached = topic.status === 'collecting' && count >= topic.supportThreshold;
    await updateTopic(tx, topic.id, {
      supportCount: count,
      ...(reached ? { status: 'topic', becameTopicAt: new Date() } : {}),
    });
    await appendAudit(tx, {
      districtCode: topic.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: reached ? 'consultation_topic.accepted' : 'consultation_topic.support',
      targetType: 'consultation_topic',
      targetId: topic.id,
      details: { supports: count, threshold: topic.supportThreshold },
      requestId: options.requestId ?? null,
    });
    return (await getTopic(tx, topic.id)) as TopicRow;
  });
}
