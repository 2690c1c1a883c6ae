// The platform's operation log: one line per event, with codes, counts and session ids only. Nothing a
// patient said, typed or measured ever reaches it (the fields are typed so that only scalars fit, and the
// callers pass identifiers, never message bodies).

/** Fields of one log line: identifiers, codes and counts, never patient data. */
export type LogFields = Readonly<Record<string, string | number | boolean>>;

/** Writes one event of the platform's operation log. */
export type PlatformLog = (event: string, fields?: LogFields) => void;

/** A log that drops everything (tests, and embedders that bring no log). */
export const SILENT_LOG: PlatformLog = () => undefined;

/** A log writing one `platform <event> key=value …` line per event to standard error. */
export const STDERR_LOG: PlatformLog = (event, fields = {}) => {
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${String(value)}`);
  process.stderr.write(`${new Date().toISOString()} platform ${[event, ...pairs].join(' ')}\n`);
};
