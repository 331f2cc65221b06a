import { z } from 'zod';

/**
 * GeoReport v2 shapes (http://wiki.open311.org/GeoReport_v2/) as this adapter emits them, and the
 * schemas of what clients send. Field names are the spec's (snake_case), not the platform's. Type
 * aliases rather than interfaces, so that they fit the XML writer's index signature.
 */

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

/** `GET services`: one service per level-2 demand category. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
};

/** One attribute of a service definition. */
export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
};

/** `GET services/{code}`. */
export type Open311ServiceDefinition = {
  service_code: string;
  attributes: Open311Attribute[];
};

/** `GET requests` / `requests/{id}`: a demand seen from outside (no caller data). */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

/** `POST requests`: the tracking answer. */
export type Open311Created = {
  service_request_id: string;
  token: string;
  service_notice: string | null;
  account_id: string | null;
};

/** `GET tokens/{token}`. */
export type Open311Token = {
  service_request_id: string;
  token: string;
};

/** One entry of the spec's error list. */
export type Open311Error = {
  code: number;
  description: string;
};

/** What GET requests may return at most, and the widest date range (the spec's defaults). */
export const MAX_REQUESTS = 1000;
export const MAX_RANGE_DAYS = 90;

/** The 6-digit district code is this platform's `jurisdiction_id`. */
export const JurisdictionId = z.string().regex(/^\d{6}$/, 'jurisdiction_id 应为 6 位区县代码');

/** Client parameters after query and body are merged; repeated keys keep every value. */
export type Open311Params = Record<string, string | string[] | undefined>;

const text = (max: number) => z.string().trim().max(max);
const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, '应为十进制数 (decimal number)')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** The scalar fields of `POST requests` (attributes are read separately: `attribute[code]`). */
export const CreateParams = z.object({
  service_code: z.string({ error: '缺少必填参数 (required)' }).trim().min(1, '缺少必填参数 (required)'),
  lat: coordinate(-90, 90).optional(),
  long: coordinate(-180, 180).optional(),
  address_string: text(300).optional(),
  address_id: text(100).optional(),
  first_name: text(25).optional(),
  last_name: text(25).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[\d+\-() ]{5,20}$/, '电话号码格式不正确 (invalid phone)')
    .optional(),
  // Accepted for compatibility but not stored: the hotline contacts callers by phone (data minimisation).
  email: text(200).optional(),
  device_id: text(200).optional(),
  account_id: text(200).optional(),
  description: text(4000).optional(),
  media_url: z
    .url({ protocol: /^https?$/, error: 'media_url 应为 http(s) 网址 (must be an http(s) URL)' })
    .max(2000)
    .optional(),
});
export type CreateParams = z.output<typeof CreateParams>;

/** `GET requests` filters. Dates are parsed later (offsets optional, Beijing time assumed). */
export const QueryParams = z.object({
  service_request_id: z.string().trim().max(20_000).optional(),
  service_code: z.string().trim().max(20).optional(),
  start_date: z.string().trim().max(40).optional(),
  end_date: z.string().trim().max(40).optional(),
  status: z
    .string()
    .trim()
    .regex(/^(open|closed)(,(open|closed))*$/, 'status 只能是 open 或 closed (open|closed)')
    .optional(),
});
export type QueryParams = z.output<typeof QueryParams>;
