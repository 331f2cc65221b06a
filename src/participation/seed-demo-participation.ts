import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import { findUserByUsername, toPrincipal } from '../core/auth/users-store.ts';
import { CalendarRegistry } from '../core/calendar/store.ts';
import type { Db } from '../core/db/connection.ts';
import { listUnits } from '../jurisdiction/store.ts';
import { proposeTopic } from './consultation/propose-topic.ts';
import { recordMeeting } from './consultation/record-meeting.ts';
import { scheduleMeeting } from './consultation/schedule-meeting.ts';
import { listResolutionsOfMeeting, saveSettings } from './consultation/store.ts';
import { supportTopic } from './consultation/support-topic.ts';
import { performProjectAction } from './opinion-projects/perform-project-action.ts';
import { recordMemberService } from './party-members/record-member-service.ts';
import { registerPartyMember } from './party-members/register-party-member.ts';
import { registerUnit } from './party-members/register-unit.ts';
import { reviewMemberService } from './party-members/review-member-service.ts';
import { beijingDate } from './periods.ts';
import { createTeam } from './volunteers/create-team.ts';
import { recordVolunteerService } from './volunteers/record-volunteer-service.ts';
import { registerVolunteer } from './volunteers/register-volunteer.ts';

/** A fictitious but well-formed ID number (GB 11643 check character) for demo people. */
function demoIdNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return body17 + '10X98765432'[sum % 11];
}

const daysAgo = (n: number) => beijingDate(new Date(Date.now() - n * 86_400_000));

/**
 * Demo participation in the demo community user's community (fictitious people, no real phones):
 * units registered with the street and their members with service records, volunteers with a team,
 * a proposal gathering supports, last month's consultation meeting whose resolution became a
 * 民意立项 project the street approved and the community is implementing. Written through the use
 * cases as the demo community worker and street dispatcher, so it is audited like real work.
 */
export async function seedDemoParticipation(options: {
  db: Db;
  districtCode: string;
  actor: AuditActor;
}): Promise<void> {
  const { db, districtCode } = options;
  const worker = await findUserByUsername(db, 'community');
  const dispatcher = await findUserByUsername(db, 'street');
  if (!worker || !dispatcher || worker.districtCode !== districtCode) return;
  const community = toPrincipal(worker, 'cli');
  const street = toPrincipal(dispatcher, 'cli');
  const communityCode = worker.unitCode;
  const streetCode = dispatcher.unitCode;
  const units = await listUnits(db, {
    districtCode,
    withinPath: `/${districtCode}000000/`,
    tree: 'department',
  });
  const education = units.find((u) => u.name.includes('教育'));
  const hospital = units.find((u) => u.level === 'resident_unit');
  if (!education || !hospital) return;

  for (const [unit, n] of [
    [education, 6],
    [hospital, 4],
  ] as const) {
    await registerUnit({
      db,
      principal: street,
      input: {
        unitCode: unit.code,
        streetCode,
        inServiceMembers: n,
        agreement: '共驻共建：认领社区“微心愿”、参与环境整治',
      },
    });
  }
  const members = [];
  for (const [i, m] of [
    { name: '周文华', unit: education, skills: '课业辅导' },
    { name: '郑海燕', unit: education, skills: '文艺宣传' },
    { name: '吴立新', unit: hospital, skills: '义诊、健康讲座' },
  ].entries()) {
    members.push(
      await registerPartyMember({
        db,
        principal: community,
        input: {
          communityCode,
          name: m.name,
          phone: `1390010${String(2001 + i)}`,
          idNumber: demoIdNumber(`11010719${80 + i}0101${String(201 + i)}`),
          kind: 'in_service',
          unitCode: m.unit.code,
          skills: m.skills,
          registeredOn: daysAgo(90),
        },
      }),
    );
  }
  const [first, second] = members;
  if (first && second) {
    const done = await recordMemberService({
      db,
      principal: community,
      memberId: first.id,
      input: { title: '“四点半课堂”课业辅导', kind: 'volunteer', servedOn: daysAgo(20), hours: 2 },
    });
    await reviewMemberService({ db, principal: community, serviceId: done.id, input: { confirm: true } });
    await recordMemberService({
      db,
      principal: community,
      memberId: second.id,
      input: { title: '垃圾分类入户宣传', kind: 'policy', servedOn: daysAgo(3), hours: 1.5 },
    });
  }

  const volunteers = [];
  for (const [i, name] of ['孙桂兰', '马建军', '胡晓梅'].entries()) {
    volunteers.push(
      await registerVolunteer({
        db,
        principal: community,
        input: { communityCode, name, phone: `1390020${String(3001 + i)}`, registeredOn: daysAgo(120 - i) },
      }),
    );
  }
  const team = await createTeam({
    db,
    principal: community,
    input: {
      communityCode,
      name: '银发巡逻队',
      serviceType: '义务巡逻',
      leaderId: volunteers[0]?.id,
      memberIds: volunteers.map((v) => v.id),
    },
  });
  if (volunteers[0]) {
    await recordVolunteerService({
      db,
      principal: community,
      volunteerId: volunteers[0].id,
      input: { title: '节前小区安全巡逻', servedOn: daysAgo(5), hours: 3, teamId: team.id },
    });
  }

  // A smaller demo district: five supports make a topic (the setting a district admin changes).
  await db.transaction((tx) =>
    saveSettings(tx, { districtCode, topicSupportThreshold: 5, updatedByLabel: '演示数据' }),
  );
  // Last month's meeting took up a topic residents had supported; its resolution became a project.
  const ready = await proposeTopic({
    db,
    principal: community,
    input: {
      communityCode,
      title: '3号楼加装无障碍坡道',
      description: '3号楼单元门前台阶较高，轮椅和婴儿车进出困难，居民希望加装无障碍坡道和扶手。',
      proposerName: '孙桂兰',
    },
  });
  for (let i = 0; i < ready.supportThreshold - 1; i++) {
    await supportTopic({
      db,
      principal: community,
      topicId: ready.id,
      input: { name: `居民${i + 1}`, household: `3-${i + 1}01` },
    });
  }
  const heldAt = new Date(`${daysAgo(35)}T19:00:00+08:00`);
  const meeting = await scheduleMeeting({
    db,
    principal: community,
    input: {
      communityCode,
      title: '社区议事园月度议事会',
      plannedAt: heldAt.toISOString(),
      place: '社区党群服务中心',
      host: '社区党委书记',
      topicIds: [ready.id],
    },
  });
  await recordMeeting({
    ctx: { calendars: new CalendarRegistry() },
    db,
    principal: community,
    meetingId: meeting.id,
    input: {
      heldAt: heldAt.toISOString(),
      minutes: '议事会讨论3号楼加装无障碍坡道：居民代表一致同意，由社区申报民意立项，施工期间做好安全提示。',
      attendance: [
        { name: '孙桂兰', category: 'resident_rep', present: true },
        { name: '马建军', category: 'resident_rep', present: true },
        { name: '周文华', category: 'party_member', present: true, partyMemberId: first?.id },
        { name: '物业项目经理', category: 'unit', present: true, organisation: '物业服务中心' },
      ],
      resolutions: [
        {
          topicId: ready.id,
          content: '同意申报民意立项，加装无障碍坡道和扶手',
          kind: 'project',
          ownerName: '刘社工',
          budgetYuan: 30000,
          dueWithinWorkingDays: 40,
        },
      ],
    },
  });
  const projectId = (await listResolutionsOfMeeting(db, meeting.id))[0]?.projectId;
  if (projectId) {
    const project = await performProjectAction({
      db,
      principal: street,
      projectId,
      action: {
        kind: 'approve',
        feasibility: '经现场踏勘，单元门前空间满足坡道坡度要求，列入本年度社区公益金项目。',
        budgetYuan: 30000,
        milestones: [
          { title: '设计方案公示', weight: 1 },
          { title: '施工', weight: 3 },
          { title: '竣工验收', weight: 1 },
        ],
      },
    });
    const firstMilestone = (project.state as { milestones?: { id: string }[] }).milestones?.[0];
    if (firstMilestone) {
      await performProjectAction({
        db,
        principal: community,
        projectId,
        action: {
          kind: 'report_progress',
          milestoneId: firstMilestone.id,
          progress: 100,
          note: '方案已在单元门公示 7 天，无异议',
        },
      });
    }
  }
  await proposeTopic({
    db,
    principal: community,
    input: {
      communityCode,
      title: '增设电动自行车充电棚',
      description: '小区电动自行车多，楼道充电有火灾隐患，建议在空地增设集中充电棚。',
      proposerName: '胡晓梅',
    },
  });
  await db.transaction((tx) =>
    appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'participation.seed_demo',
      targetType: 'district',
      targetId: districtCode,
      details: { community: communityCode, demo: true },
    }),
  );
}
