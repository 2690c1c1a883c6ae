// The dependency rule holds only if lint refuses a break of it: plant one violation of each rule in
// each zone (as text under a file name of that zone, never written to disk) and check that the real
// lint configuration refuses it, while an allowed import of the same zone passes.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// The project's own configuration; only the type-checked rules are off, since a planted text is in no
// TypeScript project (the zone rules need no types).
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

/** The rule ids lint reports for `code` as if it were the file `path` (relative to the root). */
async function refusals(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const ZONE_RULE = 'cabine/allowed-imports';

/** [file, planted code]: each must be refused by the zone rule. */
const planted: readonly [string, string][] = [
  ['contract/planted.ts', "export { setup } from 'xstate';\n"],
  ['contract/planted.ts', "export type { Peripheral } from '../devices/peripheral';\n"],
  ['state-machines/planted.ts', "export { readFileSync } from 'node:fs';\n"],
  ['state-machines/planted.ts', "export type { OperationLog } from '../main/log';\n"],
  ['drivers/planted.ts', "export type { SessionEvent } from '../state-machines';\n"],
  ['drivers/serial/planted.ts', "export type { DeviceModel } from '../../devices/device-model';\n"],
  ['devices/planted.ts', "export { SerialPort } from 'serialport';\n"],
  ['devices/planted.ts', "export { createConnection } from 'node:net';\n"],
  ['devices/nonin-df2/planted.ts', "export type { CabinConfig } from '../../main/config';\n"],
  ['main/planted.ts', "export type { App } from '../renderer/app';\n"],
  ['main/planted.ts', "export { startPlatform } from '../platform/server/platform-server';\n"],
  ['renderer/planted.ts', "export { readFileSync } from 'node:fs';\n"],
  ['renderer/screens/planted.ts', "export type { CabinConfig } from '../../main/config';\n"],
  ['platform/server/planted.ts', "export type { CabinConfig } from '../../main/config';\n"],
  ['platform/console/planted.ts', "export { startPlatform } from '../server/platform-server';\n"],
  ['devices/planted.ts', "export { ManualClock } from '../test/support/manual-clock';\n"],
  ['state-machines/planted.ts', "export * from './test-support/session-harness';\n"],
];

/** [file, code]: allowed imports of each zone, which lint must let through. */
const allowed: readonly [string, string][] = [
  ['contract/planted.ts', "export type { Result } from './result';\n"],
  [
    'state-machines/planted.ts',
    "export type { Clock } from '../contract';\nexport { setup } from 'xstate';\n",
  ],
  [
    'drivers/planted.ts',
    "export type { Clock } from '../contract';\nexport { open } from 'node:fs/promises';\n",
  ],
  ['devices/planted.ts', "export type { ByteLink } from '../drivers/byte-link';\n"],
  ['main/planted.ts', "export { sessionMachine } from '../state-machines';\n"],
  ['renderer/planted.ts', "export { systemClock } from '../contract';\n"],
  ['platform/server/planted.ts', "export { createServer } from 'node:http';\n"],
];

describe('the lint zones', { timeout: 120_000 }, () => {
  it.each(planted)('refuses, in %s: %s', async (path, code) => {
    expect(await refusals(path, code)).toContain(ZONE_RULE);
  });

  it.each(allowed)('lets through, in %s: %s', async (path, code) => {
    expect(await refusals(path, code)).not.toContain(ZONE_RULE);
  });

  it('refuses a timer in the machines, whose delays are named', async () => {
    const rules = await refusals(
      'state-machines/planted.ts',
      'export const stop = setTimeout(() => 0, 10);\n',
    );
    expect(rules).toContain('no-restricted-globals');
  });
});
