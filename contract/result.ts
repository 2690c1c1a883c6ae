/** An expected outcome: either a value or a typed failure. Bugs throw; faults are values. */
export type Result<T, E = CabinError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** A failure that the cabin expects and shows with a way forward; `code` is stable, `detail` is for the technician log. */
export interface CabinError {
  readonly code: string;
  readonly detail?: string;
}

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wraps an error as a failed Result. */
export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
