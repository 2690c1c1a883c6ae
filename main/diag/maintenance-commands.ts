// `npm run diag -- calibrate | records`: the verification procedures and the maintenance register
// without the screens.
//   calibrate --model <id> --port <path> [--technician <name>] [--reference "<instrument>; <certificate>"]
//             [--adjust] [--config <file>]
//                 the procedure step by step, prompts on stderr; on a terminal it asks interactively,
//                 otherwise it reads one stdin line per value asked (an instruction takes an empty
//                 line); the record is printed as ONE JSON line on stdout and stored in the cabin's
//                 register; exit 0 pass, 6 fail, the device commands' codes otherwise
//   records [--model <id>] [--serial <serial>] [--config <file>]
//                 the register as JSON lines, newest first; nothing and exit 0 when empty
// `--adjust` makes it a calibration (corrections computed and applied within bounds); without it, a
// verification. The store is the cabin's own (config.dataDirectory/cabin.db); the cabin may be running.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  systemClock,
  TECHNICIAN_TEXT_MAX_LENGTH,
  type CabinError,
  type Clock,
  type DeviceIdentity,
  type MaintenanceRecord,
  type ProcedurePrompt,
  type ReferenceInstrument,
  type Result,
} from '../../contract';
import type { DeviceModel } from '../../devices/device-model';
import type { LinkedMeasuringDevice } from '../../devices/measuring-device';
import { loadConfig } from '../config';
import { UNKNOWN_SERIAL } from '../maintenance/device-key';
import { runProcedure } from '../maintenance/procedure-runner';
import { openCabinStore, type CabinStore } from '../store';
import type { DiagCommand } from './diag-command';
import { DEVICE_EXIT, openTarget, optionValue } from './device-commands';

/** Exit codes of `calibrate`: the device commands' ones, and 6 for a verdict of fail. */
export const CALIBRATE_EXIT = { ...DEVICE_EXIT, verdictFail: 6 } as const;

/** Where the project keeps its data without `--config` (as `npm start` does). */
const DEFAULT_BASE = resolve(import.meta.dirname, '../../.cabine');

/** What `calibrate` talks to: the technician's lines, the outputs, the clock, the device and the store. */
export interface CalibrateIo {
  /** One line a value asked; done when the input ends. */
  readonly lines: AsyncIterator<string>;
  /** A terminal: a wrong value is asked again rather than ending the command. */
  readonly interactive: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly clock: Clock;
  /** Opens the model's device on the port, or answers the exit code after saying what is wrong. */
  readonly open: (
    args: readonly string[],
  ) => Promise<
    Result<
      { model: DeviceModel; port: string; device: LinkedMeasuringDevice; close(): Promise<void> },
      number
    >
  >;
  /** Opens the cabin's store of `--config` (or the defaults). */
  readonly store: (configPath: string | undefined) => Result<CabinStore>;
}

/** Runs `calibrate` with `args` on `io`; answers the exit code. */
export async function calibrate(args: readonly string[], io: CalibrateIo): Promise<number> {
  const technician = optionValue(args, '--technician') ?? 'unknown';
  const reference = parseReference(optionValue(args, '--reference'));
  if (
    technician.length > TECHNICIAN_TEXT_MAX_LENGTH ||
    (reference?.instrument.length ?? 0) > TECHNICIAN_TEXT_MAX_LENGTH
  ) {
    io.stderr(
      `calibrate: --technician and --reference take at most ${TECHNICIAN_TEXT_MAX_LENGTH} characters\n`,
    );
    return CALIBRATE_EXIT.usage;
  }
  const store = io.store(optionValue(args, '--config'));
  if (!store.ok) {
    io.stderr(`calibrate: the cabin's store cannot be opened (${describe(store.error)})\n`);
    return CALIBRATE_EXIT.failed;
  }
  const opened = await io.open(args);
  if (!opened.ok) {
    store.value.close();
    return opened.error;
  }
  const { model, port, device } = opened.value;
  try {
    const identity = await identityOf(device);
    const serialNumber = identity?.serialNumber?.trim() || UNKNOWN_SERIAL;
    io.stderr(
      `calibrate: ${model.id} on ${port}, serial number ${serialNumber}, firmware ${identity?.firmware ?? 'unknown'}\n`,
    );
    const started = runProcedure(
      {
        kind: model.kind,
        modelId: model.id,
        serialNumber,
        device,
        ...(model.scale ? { scale: model.scale } : {}),
        bench: null,
      },
      { technician, reference, adjust: args.includes('--adjust') },
      { clock: io.clock, register: store.value.maintenance, newId: randomUUID },
    );
    if (!started.ok) {
      io.stderr(`calibrate: ${model.id} cannot run this procedure (${describe(started.error)})\n`);
      return CALIBRATE_EXIT.usage;
    }
    const session = started.value;
    let prompt: ProcedurePrompt = session.prompt;
    while (prompt.kind === 'instruction' || prompt.kind === 'reference') {
      io.stderr(`${promptText(prompt)}\n> `);
      const line = await io.lines.next();
      if (line.done === true) {
        session.cancel();
        io.stderr('\ncalibrate: the input ended before the procedure did; nothing recorded\n');
        return CALIBRATE_EXIT.usage;
      }
      const value = prompt.kind === 'reference' ? parseNumber(line.value) : null;
      if (prompt.kind === 'reference' && value === null) {
        io.stderr(`calibrate: "${line.value.trim()}" is not a number\n`);
        if (io.interactive) continue;
        session.cancel();
        return CALIBRATE_EXIT.usage;
      }
      if (prompt.kind === 'reference') io.stderr('calibrate: reading the device…\n');
      const answered = await session.answer(value);
      if (!answered.ok) {
        io.stderr(`calibrate: ${describe(answered.error)}\n`);
        continue;
      }
      prompt = answered.value;
    }
    if (prompt.kind === 'stopped') {
      io.stderr(`calibrate: the procedure stopped (${prompt.code}); nothing recorded\n`);
      return prompt.code === 'device.timeout' ? CALIBRATE_EXIT.noAnswer : CALIBRATE_EXIT.failed;
    }
    io.stderr(pointsText(prompt.record));
    io.stdout(`${JSON.stringify(prompt.record)}\n`);
    return prompt.record.verdict === 'pass' ? CALIBRATE_EXIT.ok : CALIBRATE_EXIT.verdictFail;
  } finally {
    await opened.value.close();
    store.value.close();
  }
}

/** Runs `records` with `args`; answers the exit code. */
export function records(
  args: readonly string[],
  io: Pick<CalibrateIo, 'stdout' | 'stderr' | 'store'>,
): number {
  const store = io.store(optionValue(args, '--config'));
  if (!store.ok) {
    io.stderr(`records: the cabin's store cannot be opened (${describe(store.error)})\n`);
    return DEVICE_EXIT.failed;
  }
  try {
    const modelId = optionValue(args, '--model');
    const serialNumber = optionValue(args, '--serial');
    const listed = store.value.maintenance.list({
      ...(modelId === undefined ? {} : { modelId }),
      ...(serialNumber === undefined ? {} : { serialNumber }),
    });
    if (!listed.ok) {
      io.stderr(`records: ${describe(listed.error)}\n`);
      return DEVICE_EXIT.failed;
    }
    for (const record of listed.value) io.stdout(`${JSON.stringify(record)}\n`);
    return DEVICE_EXIT.ok;
  } finally {
    store.value.close();
  }
}

/** The `calibrate` diagnostic command, on this process's terminal or pipes. */
export const calibrateCommand: DiagCommand = {
  usage:
    'calibrate --model <id> --port <path> [--technician <name>] [--reference "<instrument>; <certificate>"] [--adjust] [--config <file>]   run the verification, print the record as one JSON line',
  async run(args) {
    // On a terminal readline edits the line and echoes it on stderr, beside the prompts; stdout stays the record's.
    const interactive = process.stdin.isTTY;
    const input = createInterface({
      input: process.stdin,
      ...(interactive ? { output: process.stderr, terminal: true } : { terminal: false }),
    });
    try {
      return await calibrate(args, {
        lines: input[Symbol.asyncIterator](),
        interactive,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        clock: systemClock,
        open: async (options) => {
          const target = await openTarget('calibrate', options, true);
          if (!target.ok) return target;
          const { model, port, link, device } = target.value;
          return { ok: true, value: { model, port, device, close: () => link.close() } };
        },
        store: cabinStore,
      });
    } finally {
      input.close();
    }
  },
};

/** The `records` diagnostic command. */
export const recordsCommand: DiagCommand = {
  usage:
    'records [--model <id>] [--serial <serial>] [--config <file>]   the maintenance register as JSON lines, newest first',
  run(args) {
    return Promise.resolve(
      records(args, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        store: cabinStore,
      }),
    );
  },
};

/** The cabin's store as `npm start` opens it: from the configuration file, or the project's defaults. */
export function cabinStore(configPath: string | undefined): Result<CabinStore> {
  const config = loadConfig(configPath, DEFAULT_BASE);
  if (!config.ok) return config;
  mkdirSync(config.value.dataDirectory, { recursive: true });
  return openCabinStore(join(config.value.dataDirectory, 'cabin.db'));
}

// What the device says of itself; a device that cannot tell is filed under the unknown serial number.
async function identityOf(device: LinkedMeasuringDevice): Promise<DeviceIdentity | null> {
  try {
    const identity = await device.identify();
    return identity.ok ? identity.value : null;
  } catch {
    // A model built before devices identified themselves has no identify() to call.
    return null;
  }
}

/** `"Fluke ProSim 8; C-2026-0042"` → instrument and certificate (the last `;` or `,` splits them). */
export function parseReference(text: string | undefined): ReferenceInstrument | null {
  if (text === undefined || text.trim() === '') return null;
  const at = Math.max(text.lastIndexOf(';'), text.lastIndexOf(','));
  return at === -1
    ? { instrument: text.trim(), certificate: '' }
    : { instrument: text.slice(0, at).trim(), certificate: text.slice(at + 1).trim() };
}

// A number as a technician types it: a decimal point or comma; anything else is null.
function parseNumber(line: string): number | null {
  const text = line.trim().replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** The words of each prompt on the command line (the screens have their own, in assets/strings). */
export function promptText(prompt: Extract<ProcedurePrompt, { kind: 'instruction' | 'reference' }>): string {
  const p = prompt.params;
  const step = prompt.kind === 'reference' ? `[${prompt.index + 1}/${prompt.count}] ` : '';
  const typeIt = 'then type the reference reading';
  switch (prompt.code) {
    case 'bloodPressure.connectReference':
      return 'Connect the reference manometer to the cuff line with a Y-connector, cuff around a rigid cylinder; press Enter.';
    case 'bloodPressure.point':
      return `${step}Bring the pressure to about ${p.target} mmHg (deflating), ${typeIt} (mmHg):`;
    case 'bloodPressure.leakTest':
      return `Leak test: pump to about ${p.target} mmHg, close the valve, press Enter and wait ${p.seconds} s.`;
    case 'temperature.connectReference':
      return 'Put the thermometer in the black body or the stirred bath with the reference probe; press Enter.';
    case 'temperature.point':
      return `${step}Set the bath to about ${p.target} °C, let it settle, ${typeIt} (°C):`;
    case 'oxygenSaturation.connectSimulator':
      return 'Put the oximeter probe on the functional tester; press Enter.';
    case 'oxygenSaturation.spo2Point':
      return `${step}Set the tester to SpO2 ${p.target} % and pulse ${p.pulse} bpm, then type the tester's SpO2 (%):`;
    case 'oxygenSaturation.pulsePoint':
      return `${step}Type the tester's pulse (bpm), set to ${p.target} bpm:`;
    case 'oxygenSaturation.noFinger':
      return `Take the probe off the tester (no finger) and press Enter; the oximeter must give no value for ${p.seconds} s.`;
    case 'weight.empty':
      return 'Empty the platform and press Enter.';
    case 'weight.load':
      return `${step}Load about ${p.target} kg of test weights, ${typeIt} (their total mass, kg):`;
    case 'weight.eccentricity':
      return `${step}Put about ${p.target} kg at position ${p.position} (a quarter of the platform), ${typeIt} (kg):`;
    case 'weight.repeatability':
      return `${step}Put about ${p.target} kg in the middle (take it off between loads), ${typeIt} (kg):`;
  }
}

// The points as a short table for the technician, then the verdict.
function pointsText(record: MaintenanceRecord): string {
  const rows = record.points.map(
    (p) =>
      `  ${p.step.padEnd(20)} reference ${p.reference} reading ${p.reading} error ${p.error} limit ±${p.limit} ${p.unit}  ${p.pass ? 'pass' : 'FAIL'}\n`,
  );
  const note = record.note === null ? '' : `  ${record.note}\n`;
  return `${rows.join('')}${note}calibrate: verdict ${record.verdict ?? 'none'}\n`;
}

function describe(error: CabinError): string {
  return error.detail === undefined ? error.code : `${error.code}, ${error.detail}`;
}
