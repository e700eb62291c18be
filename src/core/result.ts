import type { XyError } from './errors.js';

/** Expected failures are values, not exceptions: a bad line in a file is expected. */
export type Result<T, E = XyError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = XyError>(error: E): Result<never, E> => ({ ok: false, error });
