// Waiting for a fact of a real process (pcscd, socat, a child cabin) that no manual clock can move.

/** Resolves once `condition` holds, checking every 20 ms; rejects after `timeoutMs`, naming `what`. */
export async function until(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
