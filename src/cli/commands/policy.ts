import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { getUnitByCode, listJurisdictions } from '../../jurisdiction/store.ts';
import { chinaToday } from '../../lists/model.ts';
import { activateProfile } from '../../policy/activate-profile.ts';
import { buildDistrictReport } from '../../policy/build-district-report.ts';
import { computeFunding } from '../../policy/compute-funding.ts';
import { computeStaffing } from '../../policy/compute-staffing.ts';
import { describeActivePolicy, profileSummaries } from '../../policy/describe-policy.ts';
import { districtReportXlsx } from '../../policy/district-report-xlsx.ts';
import type { CommunityFlag, PartyOrgType, Provenance } from '../../policy/model.ts';
import { removeRuleOverride } from '../../policy/remove-rule-override.ts';
import { setRuleOverride } from '../../policy/set-rule-override.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const policyHelp = `jiedao policy profiles [--json]
jiedao policy staffing --profile P --households N [--flags old_compound,no_property,elderly,commercial] [--party-members M] [--json]
jiedao policy funding --profile P --households N --party-org 党委|党总支|党支部 --party-members M [--json]
  以上三条只读内置政策配置，不打开数据库。
jiedao policy show [--district CODE] [--json]                 本区现行政策配置、覆盖规则
jiedao policy activate --profile P [--reason 文件] [--json]     切换本区政策配置（审计留痕）
jiedao policy override KEY --value JSON --source 依据文件 [--json] | KEY --remove [--reason R]
jiedao policy report [--year Y] [--street CODE] [--xlsx FILE] [--json]   各社区应配与实有人员、经费`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  profile: { type: 'string' },
  households: { type: 'string' },
  flags: { type: 'string' },
  'party-members': { type: 'string' },
  'party-org': { type: 'string' },
  district: { type: 'string' },
  reason: { type: 'string' },
  value: { type: 'string' },
  source: { type: 'string' },
  remove: { type: 'boolean', default: false },
  year: { type: 'string' },
  street: { type: 'string' },
  xlsx: { type: 'string' },
} as const;

/** A whole non-negative number from a flag, or `VALIDATION_FAILED` naming the flag. */
function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new AppError('VALIDATION_FAILED', `--${flag} 须为非负整数：${value} (not a whole number)`);
  }
  return Number(value);
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new AppError('BAD_REQUEST', `缺少 --${flag} 参数\n${policyHelp}`);
  return value;
}

/** "（XQ 三(四)2）", plus where the value came from when not the profile's own. */
const cite = (p: Provenance) =>
  `（${p.source.split(' — ')[0]}${p.overridden ? '，本区覆盖' : p.fellBackToGeneric ? '，取自通用配置' : ''}）`;

/** The district a database command works on: --district, else the only one set up. */
async function districtOf(db: Db, code: string | undefined): Promise<string> {
  if (code) return code;
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  throw new AppError(
    all.length === 0 ? 'NOT_FOUND' : 'BAD_REQUEST',
    all.length === 0 ? '尚未建立辖区（jiedao init）(no district)' : '有多个辖区，请用 --district 指定',
  );
}

/** `jiedao policy …`. */
export async function runPolicy(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) return void console.log(policyHelp);
  const [sub, key] = positionals;
  const json = values.json;

  // —— pure: bundled profiles only, the database is never opened ——
  if (sub === 'profiles') {
    const items = profileSummaries();
    return output(json, items, () =>
      items
        .map((p) => `${p.id}\t${p.name}（第${p.version}版，${p.effectiveFrom} 起，${p.ruleCount} 条规则）`)
        .join('\n'),
    );
  }
  if (sub === 'staffing') {
    const r = computeStaffing({
      profile: required(values.profile, 'profile'),
      households: required(count(values.households, 'households'), 'households'),
      flags: (values.flags ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean) as CommunityFlag[],
      ...(values['party-members'] === undefined
        ? {}
        : { partyMembers: count(values['party-members'], 'party-members') }),
    });
    return output(json, r, () =>
      [
        `政策配置：${r.profileId}；户数：${r.households}`,
        `“两委”成员：${r.twoCommittees.value} 人${cite(r.twoCommittees)}`,
        `网格员：${r.gridWorkersRequired.value} 人（每 ${r.gridWorkersRequired.householdsPerWorker} 户 1 人）${cite(r.gridWorkersRequired)}，另需专职招聘 ${r.gridWorkersToRecruit.value} 人`,
        r.partyOrganisation
          ? `社区党组织：${r.partyOrganisation.type}${r.partyOrganisation.committeeSize ? `（委员 ${r.partyOrganisation.committeeSize.min}–${r.partyOrganisation.committeeSize.max} 人）` : ''}${cite(r.partyOrganisation)}`
          : '社区党组织：未提供党员人数（--party-members），未测算',
        `服务站工作人员上限：${r.serviceStationStaffCap.value} 人${cite(r.serviceStationStaffCap)}`,
        `党群服务中心窗口人员上限：${r.partyMassCentreWindowStaffCap.value} 人${cite(r.partyMassCentreWindowStaffCap)}`,
        `规模调整：${r.sizeReview.flag === 'small' ? '偏小，需研究' : r.sizeReview.flag === 'large' ? '偏大，需研究' : '无需'}${cite(r.sizeReview)}`,
      ].join('\n'),
    );
  }
  if (sub === 'funding') {
    const r = computeFunding({
      profile: required(values.profile, 'profile'),
      households: required(count(values.households, 'households'), 'households'),
      partyOrg: required(values['party-org'], 'party-org') as PartyOrgType,
      partyMembers: required(count(values['party-members'], 'party-members'), 'party-members'),
    });
    return output(json, r, () =>
      [
        `政策配置：${r.profileId}`,
        `社区工作经费：${r.communityWorkingFunds.yuan} 元/年${cite(r.communityWorkingFunds)}`,
        `社区党建经费：${r.partyBuildingFunds.yuan} 元/年（基数 ${r.partyBuildingFunds.baseYuan} + ${r.partyBuildingFunds.extraMembers} × ${r.partyBuildingFunds.yuanPerExtraMember}）${cite(r.partyBuildingFunds)}`,
        `合计：${r.totalYuan} 元/年`,
        r.partyOrgCheck.matches
          ? ''
          : `注意：按党员人数应设${r.partyOrgCheck.expected}${cite(r.partyOrgCheck)}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }

  // —— database commands ——
  const config = configFrom(values);
  if (sub === 'show') {
    const view = await withDatabase(config, async ({ db }) =>
      describeActivePolicy(db, await districtOf(db, values.district)),
    );
    return output(json, view, () =>
      [
        `本区现行政策配置：${view.profileName}（${view.profileId}）`,
        ...view.overrides.map(
          (o) => `  覆盖 ${o.ruleKey} = ${JSON.stringify(o.value)}（${o.source}；${o.setBy} ${o.setAt}）`,
        ),
      ].join('\n'),
    );
  }
  if (sub === 'activate') {
    const profileId = required(values.profile, 'profile');
    const r = await withDatabase(config, async ({ db }) =>
      activateProfile({
        db,
        districtCode: await districtOf(db, values.district),
        profileId,
        reason: values.reason,
        actor: cliActor(),
      }),
    );
    return output(json, r, () => `已切换政策配置：${r.previousProfileId} → ${r.profileId}`);
  }
  if (sub === 'override') {
    const ruleKey = required(key, 'KEY');
    const rule = await withDatabase(config, async ({ db }) => {
      const districtCode = await districtOf(db, values.district);
      if (values.remove)
        return removeRuleOverride({ db, districtCode, ruleKey, reason: values.reason, actor: cliActor() });
      let value: unknown;
      try {
        value = JSON.parse(required(values.value, 'value'));
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('VALIDATION_FAILED', `--value 须为 JSON：${(err as Error).message}`);
      }
      return setRuleOverride({
        db,
        districtCode,
        ruleKey,
        value,
        source: values.source ?? '',
        actor: cliActor(),
      });
    });
    return output(json, rule, () => `${rule.key} = ${JSON.stringify(rule.value)}${cite(rule)}`);
  }
  if (sub === 'report') {
    const year = count(values.year, 'year') ?? Number(chinaToday().slice(0, 4));
    const report = await withDatabase(config, async ({ db }) => {
      const districtCode = await districtOf(db, values.district);
      let withinPath = `/${districtCode.padEnd(12, '0')}/`;
      if (values.street) {
        const street = await getUnitByCode(db, values.street);
        if (!street || street.districtCode !== districtCode)
          throw new AppError('NOT_FOUND', `街道不存在：${values.street}`);
        withinPath = street.path;
      }
      return buildDistrictReport({ db, districtCode, withinPath, year });
    });
    if (values.xlsx) writeFileSync(values.xlsx, await districtReportXlsx(report));
    const t = report.totals;
    return output(json, report, () =>
      [
        `${report.year}年社区人员配备与经费测算（${report.profileName}）`,
        `社区 ${t.communities} 个；网格员应配 ${t.gridWorkersRequired}、实有 ${t.gridWorkersActual}，${t.communitiesShortOfGridWorkers} 个社区不足；经费应拨 ${t.fundingRequired} 元、实拨 ${t.fundingActual} 元`,
        ...(values.xlsx ? [`已导出：${values.xlsx}`] : []),
      ].join('\n'),
    );
  }
  throw new AppError('BAD_REQUEST', `用法错误\n${policyHelp}`);
}
