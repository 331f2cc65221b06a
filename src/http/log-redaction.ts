import type { FastifyServerOptions } from 'fastify';
import { maskNumbersInText } from '../core/privacy.ts';

/**
 * What the request logs may carry (PIPL, 等保): no credentials and no personal data.
 * - secrets: the Authorization, Cookie and X-API-Key headers and an `api_key` in a query string
 *   (Open311 clients may send it there) are replaced by [REDACTED];
 * - personal data: ID-card and phone numbers anywhere in a logged URL or error message are masked,
 *   and fields that hold names, phones, addresses or ID numbers are redacted wherever they appear in
 *   a logged object (a body echoed into a log by some future code included);
 * - SQL errors: the parameter list a failed query carries ("params: 张三,139…") is dropped.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.secret',
  '*.api_key',
  '*.apiKey',
  '*.token',
  '*.caller',
  '*.callerName',
  '*.callerPhone',
  '*.phone',
  '*.idNumber',
  '*.address',
  'body.first_name',
  'body.last_name',
];

/** A URL fit for a log line: no api_key value, no phone or ID numbers. */
export function redactUrl(url: string): string {
  const withoutKey = url.replace(/([?&](?:api_key|apiKey|token|secret)=)[^&#]*/gi, '$1[REDACTED]');
  return maskNumbersInText(withoutKey) ?? withoutKey;
}

/** An error message or stack fit for a log line. */
export function redactText(text: string): string {
  // drizzle's "Failed query: … params: a,b,c" names the values bound into the query
  const withoutParams = text.replace(/(\nparams:)[^\n]*/g, '$1 [REDACTED]');
  return maskNumbersInText(withoutParams) ?? withoutParams;
}

interface LoggableRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  id?: string;
  socket?: { remotePort?: number };
}

interface LoggableError {
  type?: string;
  message?: string;
  stack?: string;
}

/** Fastify's logger options with the redaction above; `stream` lets a test read the lines. */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: LoggableRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        hostname: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      err: (err: Error) => {
        const out: Record<string, unknown> = {
          type: err.constructor?.name ?? 'Error',
          message: redactText(String(err.message ?? '')),
          stack: redactText(String(err.stack ?? '')),
        };
        const fields = err as unknown as Record<string, unknown>;
        for (const key of ['code', 'statusCode']) if (key in fields) out[key] = fields[key];
        const cause = (err as { cause?: LoggableError }).cause;
        if (cause?.message) out.cause = { message: redactText(String(cause.message)) };
        return out;
      },
    },
    ...(stream ? { stream } : {}),
  } as unknown as Exclude<FastifyServerOptions['logger'], boolean | undefined>;
}
