import { randomInt } from 'node:crypto';
import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal, scopePath } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { getDemandByCode } from '../../demands/store.ts';
import { participationPolicy } from '../policy.ts';
import { communityByCode } from '../units.ts';
import { ProposeTopicInput } from './model.ts';
import { getSettings, getTopic, insertSupport, insertTopic } from './store.ts';
import { supporterKey } from './support-topic.ts';
import type { TopicRow } from './tables.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number people quote: YT (议题) + Beijing date + 5 random characters. */
export function newTopicCode(now = new Date()): string {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 5; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `YT${ymd}${tail}`;
}

/**
 * 居民提议: a resident's proposal for the community's consultation, recorded by the community or a
 * grid worker, linked to 12345 demands that show the same need. The proposer is its first supporter;
 * it becomes a topic (议题) once the district's support threshold is reached.
 */
export async function proposeTopic(options: {
  db: Db;
  principal: Principal;
  input: ProposeTopicInput;
  requestId?: string | null;
}): Promise<TopicRow> {
  const input = ProposeTopicInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const community = await communityByCode(tx, principal, input.communityCode);
    authorize(principal, participationPolicy.proposeTopic, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const scope = scopePath(principal);
    const demandIds: string[] = [];
    for (const code of input.demandCodes) {
      const d = await getDemandByCode(tx, code);
      if (!d || d.districtCode !== principal.districtCode || !d.locationPath.startsWith(scope)) {
        throw new AppError('NOT_FOUND', `诉求不存在或不在本辖区：${code} (demand not found)`, { code });
      }
      demandIds.push(d.id);
    }
    const settings = await getSettings(tx, community.districtCode);
    const threshold = settings.topicSupportThreshold;
    const now = new Date();
    const id = uuidv7();
    const isTopic = threshold <= 1;
    await insertTopic(tx, {
      id,
      districtCode: community.districtCode,
      code: newTopicCode(now),
      communityId: community.id,
      communityCode: community.code,
      communityName: community.name,
      communityPath: community.path,
      title: input.title,
      description: input.description,
      origin: 'resident',
      proposerName: input.proposerName,
      proposerPhone: input.proposerPhone ?? null,
      demandIds,
      supportThreshold: threshold,
      supportCount: 1,
      status: isTopic ? 'topic' : 'collecting',
      becameTopicAt: isTopic ? now : null,
      createdByLabel: principal.displayName,
    });
    await insertSupport(tx, {
      id: uuidv7(),
      districtCode: community.districtCode,
      topicId: id,
      supporterName: input.proposerName,
      supporterPhone: input.proposerPhone ?? null,
      supporterKey: supporterKey({ name: input.proposerName, phone: input.proposerPhone ?? null }),
      createdByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'consultation_topic.propose',
      targetType: 'consultation_topic',
      targetId: id,
      details: { community: community.code, threshold, demandIds },
      requestId: options.requestId ?? null,
    });
    return (await getTopic(tx, id)) as TopicRow;
  });
}
