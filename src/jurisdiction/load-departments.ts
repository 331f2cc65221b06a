import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { uuidv7 } from '../core/ids.ts';
import type { DivisionDistrict } from './division-data.ts';
import { childPath } from './levels.ts';
import type { NewOrgUnit } from './store.ts';

const UnitTemplate = z.object({
  name: z.string(),
  short: z.string(),
  kind: z.enum(['center', 'department', 'stationed', 'company', 'resident_unit']),
  aliases: z.array(z.string()).default([]),
  utility: z.enum(['water', 'power', 'gas', 'heat', 'telecom']).optional(),
  perStreet: z.object({ name: z.string(), short: z.string(), kind: z.literal('stationed') }).optional(),
});
const TemplateFile = z.object({ departments: z.array(UnitTemplate) });

const ROUND_THE_CLOCK = new Set(['water', 'power', 'gas', 'heat']);

const TEMPLATE = TemplateFile.parse(
  JSON.parse(readFileSync(new URL('./data/demo-departments.json', import.meta.url), 'utf8')),
);

export interface DepartmentTemplateInput {
  division: DivisionDistrict;
  districtId: string;
  districtPath: string;
  /** [street code, { id, path, name }] of the district's streets (stationed units serve them). */
  streets: [string, { id: string; path: string; name: string }][];
}

/**
 * Instantiates the demo department tree for a district: district departments, their units stationed
 * in each street (派出所, 司法所, 综合执法队, 市场监管所), utility companies (24/7) and resident units.
 * Codes are the 6-digit district code + "D" + a 3-digit number, stationed units + "-" + 3 digits.
 */
export function loadDepartmentTemplate(input: DepartmentTemplateInput): NewOrgUnit[] {
  const { division } = input;
  const short = division.name.replace(/(区|县|市|旗)$/, '');
  const fill = (s: string, street = '') =>
    s
      .replaceAll('{c}', division.cityName)
      .replaceAll('{D}', division.name)
      .replaceAll('{d}', short)
      .replaceAll('{s}', street.replace(/(街道|地区|镇|乡)$/, ''));
  const rows: NewOrgUnit[] = [];
  TEMPLATE.departments.forEach((t, i) => {
    const id = uuidv7();
    const code = `${division.code6}D${String(i + 1).padStart(3, '0')}`;
    const path = childPath(input.districtPath, code);
    rows.push({
      id,
      districtCode: division.code6,
      code,
      name: fill(t.name),
      shortName: fill(t.short),
      aliases: t.aliases.map((a) => fill(a)),
      tree: 'department',
      level: t.kind,
      parentId: input.districtId,
      path,
      sort: i,
      // Water, power, gas and heat work around the clock (接诉即办条例): calendar hours, not working days.
      flags: t.utility ? [`utility:${t.utility}`, ...(ROUND_THE_CLOCK.has(t.utility) ? ['24x7'] : [])] : [],
    });
    if (!t.perStreet) return;
    const per = t.perStreet;
    input.streets.forEach(([, street], j) => {
      const scode = `${code}-${String(j + 1).padStart(3, '0')}`;
      rows.push({
        id: uuidv7(),
        districtCode: division.code6,
        code: scode,
        name: fill(per.name, street.name),
        shortName: fill(per.short, street.name),
        tree: 'department',
        level: per.kind,
        parentId: id,
        path: childPath(path, scode),
        servesUnitId: street.id,
        sort: j,
      });
    });
  });
  return rows;
}
