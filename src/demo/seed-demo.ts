import { and, asc, eq } from 'drizzle-orm';
import type { AuditActor } from '../core/audit/append-audit.ts';
import type { Role } from '../core/auth/roles.ts';
import type { Db } from '../core/db/connection.ts';
import { seedRoutingRules } from '../demands/routing-context.ts';
import { seedDemoGridWork } from '../grid-work/seed-demo-grid-work.ts';
import { initJurisdiction, type JurisdictionSummary } from '../jurisdiction/init-jurisdiction.ts';
import { addUser } from '../jurisdiction/people/add-user.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import { seedDemoLists } from '../lists/seed-demo-lists.ts';
import { seedDemoParticipation } from '../participation/seed-demo-participation.ts';
import { seedDemoFacts } from '../policy/seed-demo-facts.ts';

/** The demo password (printed at start); it meets the password policy. Change it in production. */
export const DEMO_PASSWORD = 'Jiedao2026demo';

export interface DemoLogin {
  username: string;
  role: Role;
  unitName: string;
}

interface DemoUserSpec {
  username: string;
  displayName: string;
  role: Role;
  /** Which unit: a level and the position among the district's units of that level (-1 = last). */
  unit: { level: string; nth: number; tree?: 'division' | 'department'; where?: 'first_street' };
}

const DEMO_USERS: DemoUserSpec[] = [
  {
    username: 'admin',
    displayName: '区级管理员',
    role: 'district_admin',
    unit: { level: 'district', nth: 0 },
  },
  {
    username: 'hotline',
    displayName: '王受理',
    role: 'hotline_operator',
    unit: { level: 'center', nth: 0, tree: 'department' },
  },
  { username: 'street', displayName: '李派单', role: 'street_dispatcher', unit: { level: 'street', nth: 0 } },
  {
    username: 'street2',
    displayName: '赵派单',
    role: 'street_dispatcher',
    unit: { level: 'street', nth: -1 },
  },
  {
    username: 'dept',
    displayName: '陈承办',
    role: 'dept_handler',
    unit: { level: 'department', nth: 5, tree: 'department' },
  },
  {
    username: 'community',
    displayName: '刘社工',
    role: 'community_worker',
    unit: { level: 'community', nth: 0, where: 'first_street' },
  },
  {
    username: 'grid',
    displayName: '张网格',
    role: 'grid_worker',
    unit: { level: 'grid', nth: 0, where: 'first_street' },
  },
  { username: 'supervisor', displayName: '周督查', role: 'supervisor', unit: { level: 'district', nth: 0 } },
  { username: 'auditor', displayName: '孙审计', role: 'auditor', unit: { level: 'district', nth: 0 } },
];

/**
 * A ready demo district: the real division tree of `division` with synthetic grids, demo
 * households, the demo department set, and one user per role (password DEMO_PASSWORD).
 */
export async function seedDemo(options: {
  db: Db;
  division?: string;
  actor: AuditActor;
  /** Prefixed to every demo user name (user names are unique across districts): a second district in tests. */
  usernamePrefix?: string;
}): Promise<{ summary: JurisdictionSummary; logins: DemoLogin[] }> {
  const summary = await initJurisdiction({
    db: options.db,
    division: options.division ?? '110107',
    demo: true,
    actor: options.actor,
  });
  const logins: DemoLogin[] = [];
  for (const [i, spec] of DEMO_USERS.entries()) {
    const unit = await pickUnit(options.db, summary.districtCode, spec.unit);
    if (!unit) continue;
    await addUser({
      db: options.db,
      actor: options.actor,
      input: {
        username: `${options.usernamePrefix ?? ''}${spec.username}`,
        displayName: spec.displayName,
        phone: `1380010${String(1000 + i).slice(-4)}`,
        unitCode: unit.code,
        roles: [spec.role],
        password: DEMO_PASSWORD,
      },
    });
    logins.push({
      username: `${options.usernamePrefix ?? ''}${spec.username}`,
      role: spec.role,
      unitName: unit.name,
    });
  }
  await options.db.transaction((tx) =>
    seedRoutingRules(tx, summary.districtCode, summary.name.replace(/(区|县|市|旗)$/, '')),
  );
  await seedDemoLists({ db: options.db, districtCode: summary.districtCode, actor: options.actor });
  await seedDemoFacts({ db: options.db, districtCode: summary.districtCode, actor: options.actor });
  await seedDemoGridWork({ db: options.db, districtCode: summary.districtCode, actor: options.actor });
  await seedDemoParticipation({ db: options.db, districtCode: summary.districtCode, actor: options.actor });
  return { summary, logins };
}

async function pickUnit(db: Db, districtCode: string, spec: DemoUserSpec['unit']) {
  let pathPrefix = '';
  if (spec.where === 'first_street') {
    const [street] = await db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.districtCode, districtCode), eq(orgUnits.level, 'street')))
      .orderBy(asc(orgUnits.sort))
      .limit(1);
    pathPrefix = street?.path ?? '';
  }
  const rows = await db
    .select({ code: orgUnits.code, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtCode, districtCode), eq(orgUnits.level, spec.level)))
    .orderBy(asc(orgUnits.path));
  const inScope = rows.filter((r) => r.path.startsWith(pathPrefix));
  return spec.nth < 0 ? inScope[inScope.length + spec.nth] : (inScope[spec.nth] ?? inScope[0]);
}
