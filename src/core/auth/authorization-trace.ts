import { AsyncLocalStorage } from 'node:async_hooks';

/** One authorize() call made while answering a request. */
export interface AuthorizationCheck {
  action: string;
  scoped: boolean;
  /** Whether a target (district + paths) was checked, i.e. an object-level decision. */
  withResource: boolean;
  allowed: boolean;
}

const storage = new AsyncLocalStorage<AuthorizationCheck[]>();

/**
 * Runs `fn` (a request's handling) with a fresh trace, so every authorize() inside it is recorded.
 * The HTTP layer uses the trace to catch a route that answered without any authorization check, and
 * the access-control matrix test reads it.
 */
export function runWithAuthorizationTrace<T>(trace: AuthorizationCheck[], fn: () => T): T {
  return storage.run(trace, fn);
}

/** Records a check in the current request's trace (no-op outside a request). */
export function traceAuthorization(check: AuthorizationCheck): void {
  storage.getStore()?.push(check);
}
