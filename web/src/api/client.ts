/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, JSON in and
 * out, and every failure turned into an ApiError carrying the server's `{error:{code,message}}`.
 */

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failed API call: HTTP status plus the stable error code and the server's (Chinese-first) message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly requestId: string | null;

  constructor(status: number, body: ApiErrorBody['error'], requestId: string | null) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = requestId;
  }
}

/** Codes after which the person must log in again. */
export const SESSION_ENDED = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/** Called when any request finds the session gone (the app then returns to the log-in page). */
export function onSessionEnded(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id');
  let body: ApiErrorBody['error'] = { code: 'HTTP_ERROR', message: `HTTP ${res.status}` };
  try {
    const parsed = (await res.json()) as Partial<ApiErrorBody>;
    if (parsed.error && typeof parsed.error.code === 'string') body = parsed.error;
  } catch {
    // not JSON (a proxy's error page): keep the generic body
  }
  return new ApiError(res.status, body, requestId);
}

/** Calls the API; resolves with the parsed JSON (undefined for 204) or rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'NETWORK', message: (err as Error).message }, null);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (SESSION_ENDED.has(error.code) && !path.startsWith('/api/auth/login')) {
      for (const l of sessionListeners) l(error);
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * POSTs a large JSON text with upload progress (fetch cannot report it): used by imports.
 * `onProgress` gets 0..1 while the body is sent.
 */
export function uploadJson<T>(
  path: string,
  text: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK', message: 'network error' }, null));
    xhr.onload = () => {
      const requestId = xhr.getResponseHeader('x-request-id');
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      const err = (parsed as Partial<ApiErrorBody> | undefined)?.error;
      const error = new ApiError(
        xhr.status,
        err && typeof err.code === 'string' ? err : { code: 'HTTP_ERROR', message: `HTTP ${xhr.status}` },
        requestId,
      );
      if (SESSION_ENDED.has(error.code)) for (const l of sessionListeners) l(error);
      reject(error);
    };
    xhr.send(text);
  });
}
