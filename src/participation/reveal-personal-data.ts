import { eq } from 'drizzle-orm';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { getTopic } from './consultation/store.ts';
import { RevealInput } from './model.ts';
import { getMember } from './party-members/store.ts';
import { partyUnitRegistrations } from './party-members/tables.ts';
import { participationPolicy } from './policy.ts';
import { getVolunteer } from './volunteers/store.ts';

export const REVEAL_KINDS = ['party_member', 'volunteer', 'topic_proposer', 'unit_contact'] as const;
export type RevealKind = (typeof REVEAL_KINDS)[number];

interface Revealable {
  districtCode: string;
  paths: string[];
  name: string | null;
  phone: string | null;
  idNumber: string | null;
}

const WHAT: Record<RevealKind, string> = {
  party_member: '党员',
  volunteer: '志愿者',
  topic_proposer: '议题',
  unit_contact: '单位报到',
};

async function load(db: Db, kind: RevealKind, id: string): Promise<Revealable | null> {
  switch (kind) {
    case 'party_member': {
      const m = await getMember(db, id);
      return m ? { ...m, paths: [m.communityPath] } : null;
    }
    case 'volunteer': {
      const v = await getVolunteer(db, id);
      return v ? { ...v, paths: [v.communityPath] } : null;
    }
    case 'topic_proposer': {
      const t = await getTopic(db, id);
      return t
        ? { ...t, name: t.proposerName, phone: t.proposerPhone, idNumber: null, paths: [t.communityPath] }
        : null;
    }
    case 'unit_contact': {
      const [r] = await db.select().from(partyUnitRegistrations).where(eq(partyUnitRegistrations.id, id));
      return r
        ? {
            ...r,
            name: r.contactName,
            phone: r.contactPhone,
            idNumber: null,
            paths: [r.streetPath, r.unitPath],
          }
        : null;
    }
  }
}

/**
 * Shows a person's name, phone and ID number in full to the community's staff (and the street and
 * district above it), with a stated reason; every view is written to the audit log (PIPL).
 */
export async function revealPersonalData(options: {
  db: Db;
  principal: Principal;
  kind: RevealKind;
  id: string;
  input: RevealInput;
  requestId?: string | null;
}): Promise<{ name: string | null; phone: string | null; idNumber: string | null }> {
  const input = RevealInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const record = await load(tx, options.kind, options.id);
    if (!record || record.districtCode !== principal.districtCode)
      throw notFound(WHAT[options.kind], options.id);
    authorize(principal, participationPolicy.reveal, {
      districtCode: record.districtCode,
      paths: record.paths,
    });
    await appendAudit(tx, {
      districtCode: record.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'participation.reveal_personal_data',
      targetType: options.kind,
      targetId: options.id,
      details: { reason: input.reason },
      requestId: options.requestId ?? null,
    });
    return { name: record.name, phone: record.phone, idNumber: record.idNumber };
  });
}
