// Integration suites need parts of the real stack (socat, pcscd with vpcd). On a developer's machine
// without them a suite is skipped and says why in its title; in CI (`.ci/run` sets
// CABINE_REQUIRE_REAL_STACK=1) a missing part fails the run instead of passing it silently.

/** The variable that turns a skip for a missing real part into a failure. */
export const REQUIRE_REAL_STACK_ENV = 'CABINE_REQUIRE_REAL_STACK';

/**
 * Whether a suite that needs a real part must be skipped: `missing` is null when the part is there
 * (run), or says what is missing (skip); throws instead when the environment requires the real stack.
 */
export function skipWithout(missing: string | null, environment = process.env): boolean {
  if (missing === null) return false;
  if (environment[REQUIRE_REAL_STACK_ENV] === '1') {
    throw new Error(`${missing}: this run requires the real stack (${REQUIRE_REAL_STACK_ENV}=1)`);
  }
  return true;
}
