// The newest thing a fake made, for a test to reach it.

/** The last of `items`, or throws `no <what>` when there is none. */
export function newest<T>(items: readonly T[], what: string): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}
