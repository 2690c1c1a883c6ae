import { describe, expect, it } from 'vitest';
import { REQUIRE_REAL_STACK_ENV, skipWithout } from './real-stack';

describe('a suite that needs a real part of the stack', () => {
  it('runs when the part is there', () => {
    expect(skipWithout(null, { [REQUIRE_REAL_STACK_ENV]: '1' })).toBe(false);
  });

  it('is skipped on a machine without it', () => {
    expect(skipWithout('socat is not installed', {})).toBe(true);
  });

  it('fails the run in CI, naming what is missing', () => {
    expect(() => skipWithout('socat is not installed', { [REQUIRE_REAL_STACK_ENV]: '1' })).toThrow(
      /socat is not installed/,
    );
  });
});
