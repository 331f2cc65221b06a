import { AppError } from '../core/errors.ts';
import { type LeafCategory, leafCategories, type Taxonomy } from '../demands/classify/taxonomy.ts';
import { DEMAND_TYPES } from '../demands/model.ts';
import type { Open311Attribute, Open311Params, Open311Service, Open311ServiceDefinition } from './model.ts';

/**
 * The Open311 service catalogue is the demand taxonomy itself: every level-2 category is a service
 * (its 4-digit code is the service_code), grouped by its level-1 category. So a request lands in the
 * same category, routing and time limit as a hotline call about the same matter.
 */

type DemandType = (typeof DEMAND_TYPES)[number];

/** ASCII keys for 诉求类型 (form-encoding friendly); the Chinese name is accepted as well. */
const TYPE_KEYS: Record<string, DemandType> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};
/** A citizen reporting a problem through an app is, in 12345 terms, most often a complaint. */
const DEFAULT_TYPE: DemandType = '投诉';

/** Every service of the catalogue, in taxonomy order. */
export function listServices(taxonomy: Taxonomy): Open311Service[] {
  return leafCategories(taxonomy).map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.path,
    metadata: true,
    // A tracking id comes back at once, so requests are realtime in the spec's sense.
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: c.parentName,
  }));
}

/** The category behind a service code, or a NOT_FOUND naming the code. */
export function serviceCategory(taxonomy: Taxonomy, serviceCode: string): LeafCategory {
  const found = leafCategories(taxonomy).find((c) => c.code === serviceCode);
  if (!found) throw new AppError('NOT_FOUND', `service_code 不存在：${serviceCode} (unknown service_code)`);
  return found;
}

/**
 * A service_code given as a parameter (POST requests, the GET requests filter): unknown is an invalid
 * parameter, 400 — only the service's own URL answers 404.
 */
export function serviceCodeParam(taxonomy: Taxonomy, serviceCode: string): LeafCategory {
  const found = leafCategories(taxonomy).find((c) => c.code === serviceCode);
  if (found) return found;
  const message = `service_code 不存在：${serviceCode} (unknown service_code)`;
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'service_code', message }] });
}

const ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: 'type',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: `诉求类型，默认“${DEFAULT_TYPE}” (kind of request; default complaint)`,
    order: 1,
    description: '诉求类型：咨询、求助、投诉、举报、建议或表扬',
    values: Object.entries(TYPE_KEYS).map(([key, name]) => ({ key, name })),
  },
  {
    variable: true,
    code: 'urgent',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '是否紧急，默认否 (urgent: true/false, default false)',
    order: 2,
    description: '紧急诉求按小时计算办理时限（如危及安全）',
    values: [
      { key: 'false', name: '否' },
      { key: 'true', name: '是' },
    ],
  },
];

/** The service definition: the same two attributes for every category. */
export function serviceDefinition(taxonomy: Taxonomy, serviceCode: string): Open311ServiceDefinition {
  const category = serviceCategory(taxonomy, serviceCode);
  return { service_code: category.code, attributes: ATTRIBUTES.map((a) => ({ ...a })) };
}

/**
 * Reads `attribute[code]=value` parameters (the spec's form encoding) into the demand's type and
 * urgency. Unknown attribute codes and values are refused, so a client's typo is not silently lost.
 */
export function readAttributes(params: Open311Params): { type: DemandType; urgent: boolean } {
  const issues: { path: string; message: string }[] = [];
  let type = DEFAULT_TYPE;
  let urgent = false;
  for (const [key, raw] of Object.entries(params)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m || raw === undefined) continue;
    const code = m[1] as string;
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
    if (code === 'type') {
      const t = TYPE_KEYS[value] ?? (DEMAND_TYPES as readonly string[]).find((d) => d === value);
      if (t) type = t as DemandType;
      else issues.push({ path: key, message: `未知的诉求类型：${value} (unknown value)` });
    } else if (code === 'urgent') {
      if (value === 'true' || value === 'false') urgent = value === 'true';
      else issues.push({ path: key, message: `应为 true 或 false：${value} (true|false)` });
    } else {
      issues.push({ path: key, message: `未定义的属性：${code} (unknown attribute)` });
    }
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', '属性无效 (invalid attribute)', { issues });
  return { type, urgent };
}
