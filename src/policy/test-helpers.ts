/** Test-only helpers for the policy tests (not imported by production code). */
import { AppError, type ErrorCode } from '../core/errors.ts';

/** Runs `fn`, expecting an AppError; returns it so a test can assert code, message and details. */
export function catchAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

/** The error code `fn` throws, for compact assertions. */
export function errorCodeOf(fn: () => unknown): ErrorCode {
  return catchAppError(fn).code;
}
