// `npm run diag -- instruments [--config <file>]`: the examination instruments this cabin's configuration
// expects and the catalog's instrument models, as one JSON line (no browser needed). The instruments the
// browser actually lists need the cabin running (its technician panel).
import { resolve } from 'node:path';
import { loadConfig, type CabinConfig } from '../config';
import { formatUsbId, INSTRUMENT_MODELS } from '../../devices/instrument-catalog';
import type { DiagCommand } from './diag-command';

/** Exit codes of `instruments`. */
export const INSTRUMENTS_EXIT = { ok: 0, badConfig: 2 } as const;

/** Where the project keeps its data without `--config` (as `npm start` does). */
const DEFAULT_BASE = resolve(import.meta.dirname, '../../.cabine');

/** The JSON line `instruments` prints: the configured expectations, then the catalog. */
export function instrumentsLine(config: Pick<CabinConfig, 'instruments'>): string {
  return JSON.stringify({
    configured: config.instruments,
    catalog: INSTRUMENT_MODELS.map((model) => ({
      id: model.id,
      kind: model.kind,
      mediaKind: model.mediaKind,
      usbIds: model.usbIds.map(formatUsbId),
      labelPattern: model.labelPattern,
    })),
  });
}

/** The `instruments` diagnostic command. */
export const instrumentsCommand: DiagCommand = {
  usage:
    'instruments [--config <file>]   the expected examination instruments and the catalog, as one JSON line',
  run(args) {
    const at = args.indexOf('--config');
    const config = loadConfig(at === -1 ? undefined : args[at + 1], DEFAULT_BASE);
    if (!config.ok) {
      process.stderr.write(`instruments: ${config.error.detail ?? config.error.code}\n`);
      return Promise.resolve(INSTRUMENTS_EXIT.badConfig);
    }
    process.stdout.write(`${instrumentsLine(config.value)}\n`);
    return Promise.resolve(INSTRUMENTS_EXIT.ok);
  },
};
