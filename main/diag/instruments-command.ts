// `npm run diag -- instruments [--config <file>] [--level]`: the examination instruments as the technician
// checks them before the screen runs, as one JSON line: what the configuration expects, the catalog, and
// every camera and sound input the kernel lists with its label, USB ids, role and kind (the same
// classification as the cabin's screen); with `--level`, one second's sound level of each sound input
// (through `arecord`). The live picture of a camera is on the technician's panel.
import { resolve } from 'node:path';
import { loadConfig, type CabinConfig } from '../config';
import { formatUsbId, INSTRUMENT_MODELS } from '../../devices/instrument-catalog';
import { classifyMediaDevices, missingInstruments, toMediaRoles } from '../../devices/instrument-match';
import { listLinuxMediaInputs } from '../../drivers/media-inputs/linux-media-inputs';
import { captureLevel } from '../../drivers/media-inputs/sound-level';
import type { MediaDeviceEntry } from '../../contract';
import type { DiagCommand } from './diag-command';

/** Exit codes of `instruments`: all found, bad configuration, a required instrument missing. */
export const INSTRUMENTS_EXIT = { ok: 0, badConfig: 2, missing: 3 } as const;

/** Where the project keeps its data without `--config` (as `npm start` does). */
const DEFAULT_BASE = resolve(import.meta.dirname, '../../.cabine');

/** A sound input's level in dBFS (rounded to 0.1), null when it could not be read. */
export type LevelReader = (deviceId: string) => Promise<number | null>;

/**
 * The JSON line `instruments` prints: the configured expectations, the catalog, the inputs found (each
 * with its level when `levels` has one) and the required kinds missing.
 */
export function instrumentsLine(
  config: Pick<CabinConfig, 'instruments'>,
  inputs: readonly MediaDeviceEntry[] = [],
  levels: ReadonlyMap<string, number | null> = new Map(),
): string {
  const classification = classifyMediaDevices(inputs, config.instruments);
  return JSON.stringify({
    configured: config.instruments,
    catalog: INSTRUMENT_MODELS.map((model) => ({
      id: model.id,
      kind: model.kind,
      mediaKind: model.mediaKind,
      usbIds: model.usbIds.map(formatUsbId),
      labelPattern: model.labelPattern,
    })),
    found: toMediaRoles(classification).inputs.map((input) => ({
      ...input,
      ...(levels.has(input.deviceId) ? { levelDbfs: levels.get(input.deviceId) } : {}),
    })),
    missing: missingInstruments(classification, config.instruments) ?? [],
  });
}

/** Runs the listing on `inputs`, reading levels with `readLevel` when given; answers the line and the exit code. */
export async function listInstruments(
  config: Pick<CabinConfig, 'instruments'>,
  inputs: readonly MediaDeviceEntry[],
  readLevel: LevelReader | null,
): Promise<{ readonly line: string; readonly exit: number }> {
  const levels = new Map<string, number | null>();
  if (readLevel !== null) {
    for (const input of inputs.filter((entry) => entry.kind === 'audioinput')) {
      const level = await readLevel(input.deviceId);
      levels.set(
        input.deviceId,
        level === null || !Number.isFinite(level) ? level : Math.round(level * 10) / 10,
      );
    }
  }
  const missing =
    missingInstruments(classifyMediaDevices(inputs, config.instruments), config.instruments) ?? [];
  return {
    line: instrumentsLine(config, inputs, levels),
    exit: missing.length > 0 ? INSTRUMENTS_EXIT.missing : INSTRUMENTS_EXIT.ok,
  };
}

/** The `instruments` diagnostic command. */
export const instrumentsCommand: DiagCommand = {
  usage:
    'instruments [--config <file>] [--level]   the expected and found examination instruments, as one JSON line (exit 3: a required one missing)',
  async run(args) {
    const at = args.indexOf('--config');
    const config = loadConfig(at === -1 ? undefined : args[at + 1], DEFAULT_BASE);
    if (!config.ok) {
      process.stderr.write(`instruments: ${config.error.detail ?? config.error.code}\n`);
      return INSTRUMENTS_EXIT.badConfig;
    }
    const { line, exit } = await listInstruments(
      config.value,
      listLinuxMediaInputs(),
      args.includes('--level') ? (deviceId) => captureLevel(deviceId) : null,
    );
    process.stdout.write(`${line}\n`);
    return exit;
  },
};
