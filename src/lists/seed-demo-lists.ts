import { readFileSync } from 'node:fs';
import type { AuditActor } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getJurisdiction, listUnits } from '../jurisdiction/store.ts';
import { fileWorkRequest } from './burden/file-work-request.ts';
import { registerForm } from './burden/register-form.ts';
import { registerMeeting } from './burden/register-meeting.ts';
import { importList } from './import-list.ts';
import { chinaToday, districtUnitCode, LIST_KIND_NAMES, type ListKind } from './model.ts';
import { parseCsv } from './parse-csv.ts';

/** The demo files: realistic Beijing-style lists, also usable as import templates. */
const DEMO_FILES: { kind: ListKind; file: string; document: string }[] = [
  { kind: 'street_duty', file: 'demo-street-duty.csv', document: '区政府关于印发街道职责清单的通知（演示）' },
  {
    kind: 'street_access',
    file: 'demo-street-access.csv',
    document: '区委区政府关于建立街道行政事务准入制度的意见（演示）',
  },
  {
    kind: 'community_access',
    file: 'demo-community-access.csv',
    document: '区委社会工委 区民政局关于印发社区工作事项准入清单的通知（演示）',
  },
  {
    kind: 'department_responsibility',
    file: 'demo-department-responsibility.csv',
    document: '区委编办关于印发区级部门职责清单的通知（演示）',
  },
  {
    kind: 'service_catalog',
    file: 'demo-service-catalog.csv',
    document: '区民政局关于规范社区服务站服务事项的通知（演示）',
  },
];

/** The demo lists take effect on this date (so they are in force whatever day the demo runs). */
export const DEMO_LISTS_EFFECTIVE_FROM = '2024-01-01';

/** Rows of a bundled demo list file. */
export function demoListRows(kind: ListKind): string[][] {
  const spec = DEMO_FILES.find((f) => f.kind === kind);
  if (!spec) throw new Error(`no demo list for ${kind}`);
  return parseCsv(readFileSync(new URL(`./data/${spec.file}`, import.meta.url), 'utf8'));
}

/**
 * Loads the demo lists for a district (through the real import, so they are versioned and audited
 * like any other) and a little burden history for the first community: two registered forms, an
 * accepted work notice, a refused request and a registered meeting.
 */
export async function seedDemoLists(options: {
  db: Db;
  districtCode: string;
  actor: AuditActor;
}): Promise<void> {
  const { db, districtCode, actor } = options;
  const district = await getJurisdiction(db, districtCode);
  const prefix = district?.name ?? '';
  for (const spec of DEMO_FILES) {
    await importList({
      db,
      districtCode,
      kind: spec.kind,
      meta: {
        title: `${prefix}${LIST_KIND_NAMES[spec.kind]}`,
        approvingDocument: spec.document,
        effectiveFrom: DEMO_LISTS_EFFECTIVE_FROM,
      },
      rows: demoListRows(spec.kind),
      fileName: spec.file,
      actor,
    });
  }
  const root = `/${districtUnitCode(districtCode)}/`;
  // The demo community user's unit: the first community of the first street (by code path).
  const communities = await listUnits(db, {
    districtCode,
    withinPath: root,
    level: 'community',
    limit: 100_000,
  });
  const [community] = communities.sort((a, b) => a.path.localeCompare(b.path));
  const departments = await listUnits(db, {
    districtCode,
    withinPath: root,
    tree: 'department',
    level: 'department',
    limit: 1000,
  });
  const dept = (short: string) => departments.find((d) => d.shortName === short);
  const civil = dept('区民政局');
  const health = dept('区卫生健康委');
  const enforcement = dept('区城管执法局');
  if (!community || !civil || !health || !enforcement) return;
  await registerForm({
    db,
    department: civil,
    actor,
    input: {
      communityCode: community.code,
      name: '社区民政工作统计月报',
      formKind: 'report',
      frequency: '每月',
    },
  });
  await registerForm({
    db,
    department: health,
    actor,
    input: { communityCode: community.code, name: '社区健康档案信息系统', formKind: 'system' },
  });
  await fileWorkRequest({
    db,
    from: civil,
    actor,
    input: {
      targetCode: community.code,
      title: '开展低保家庭年度复核入户调查',
      content: '请于本月底前完成辖区低保家庭年度复核入户调查，结果录入社会救助系统，不另报纸质材料。',
      citedItemCode: 'SQZR-003',
    },
  });
  try {
    await fileWorkRequest({
      db,
      from: enforcement,
      actor,
      input: {
        targetCode: community.code,
        title: '协助开展占道经营执法巡查',
        content: '请社区每日安排人员参与占道经营执法巡查并拍照上报。',
      },
    });
  } catch (err) {
    // The refusal is the point of the demo: it is recorded and counts in the burden report.
    if (!(err instanceof AppError && err.code === 'NOT_ON_ACCESS_LIST')) throw err;
  }
  await registerMeeting({
    db,
    organiser: civil,
    actor,
    input: {
      title: '社会救助政策业务培训会',
      heldOn: chinaToday(),
      communityCodes: [community.code],
      attendeesPerCommunity: 1,
      reason: '新修订社会救助政策须面对面培训，已与养老服务培训合并召开',
    },
  });
}
