// `npm run diag -- list | read | monitor`: the technician's view of the measuring devices.
//   list                                   one JSON line a device found (path, transport, USB ids as hex,
//                                          serial number or null, matching catalog model ids); none: stderr
//   read --model <id> --port <path>        one measurement, printed as one JSON line:
//                                          {"model","port","kind","quantities":[{name,value,unit}],"flags"}
//                                          flags.stages: the progress stages the device reported, in order;
//                                          flags.status: the boolean and text fields of the last decoded
//                                          frame (e.g. the oximeter's perfusion and artifact bits)
//   monitor --model <id> --port <path> [--measure]
//                                          one JSON line a decoded frame, {"atMs","frame"}, until SIGINT or
//                                          SIGTERM; `--measure` starts one measurement so that a device that
//                                          talks only when asked (scale, tensiometer) sends frames
// A measurement on the technician's own screen is fine on stdout; nothing here writes the cabin log.
import { stat } from 'node:fs/promises';
import { after, systemClock, type CabinError, type MeasurementFact, type Result } from '../../contract';
import { DEVICE_MODELS, findModel } from '../../devices/catalog';
import type { DeviceModel } from '../../devices/device-model';
import { scanDevices, systemDiscoverySources } from '../../devices/discovery';
import type { LinkedMeasuringDevice, MeasuringDevice } from '../../devices/measuring-device';
import type { ByteLink } from '../../drivers/byte-link';
import { openHidLink } from '../../drivers/hid';
import { openSerialLink } from '../../drivers/serial';
import type { DiagCommand } from './diag-command';

// The technician's commands run on the real clock.
const clock = systemClock;

/** Exit codes of the device commands, so that a script can tell the faults apart. */
export const DEVICE_EXIT = { ok: 0, usage: 2, port: 3, noAnswer: 4, failed: 5 } as const;

/** How long `read` may take from the start of the command, opening included: the issue allows 15 s in all. */
export const READ_DEADLINE_MS = 13_000;

// The lists of the system are fast; a stuck enumeration must not hang the technician's shell.
const LIST_DEADLINE_MS = 10_000;

/** The `list` diagnostic command. */
export const listCommand: DiagCommand = {
  usage: 'list   devices found: path, transport, USB ids, serial number, matching model ids',
  async run() {
    const scan = await withDeadline(scanDevices(systemDiscoverySources(), DEVICE_MODELS), LIST_DEADLINE_MS);
    if (scan === undefined) {
      process.stderr.write(`list: the system did not list its devices within ${LIST_DEADLINE_MS / 1000} s\n`);
      return DEVICE_EXIT.noAnswer;
    }
    for (const transport of scan.failedTransports)
      process.stderr.write(`list: the ${transport} devices could not be listed\n`);
    for (const device of scan.devices) {
      const line = {
        path: device.path,
        transport: device.transport,
        vendorId: hexId(device.vendorId),
        productId: hexId(device.productId),
        serialNumber: device.serialNumber,
        modelIds: device.modelIds,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    if (scan.devices.length === 0)
      process.stderr.write(
        'list: no serial port or catalogued HID device found (pseudo-terminals are never listed)\n',
      );
    return DEVICE_EXIT.ok;
  },
};

/** The `read` diagnostic command. */
export const readCommand: DiagCommand = {
  usage: 'read --model <id> --port <path>   take one measurement, print it as one JSON line',
  async run(args) {
    const startedAt = clock.now();
    const opened = await openTarget('read', args, true);
    if (!opened.ok) return opened.error;
    const { model, port, link, device } = opened.value;
    try {
      const stages: string[] = [];
      let lastFrame: unknown;
      const unsubscribe = device.monitor((frame) => {
        lastFrame = frame;
      });
      const fact = await measureOnce(device, READ_DEADLINE_MS - (clock.now() - startedAt), (progress) => {
        if (!stages.includes(progress)) stages.push(progress);
      });
      unsubscribe();
      if (fact === undefined && lastFrame !== undefined) {
        // It talks but gives no value (no finger, moving): say what it last reported, not "no answer".
        process.stderr.write(
          `read: no measurement within ${READ_DEADLINE_MS / 1000} s; the device last reported ${JSON.stringify(statusOf(lastFrame))}\n`,
        );
        return DEVICE_EXIT.noAnswer;
      }
      if (
        fact === undefined ||
        (fact.type === 'measurement.failed' && fact.error.code === 'device.timeout')
      ) {
        const code = fact?.type === 'measurement.failed' ? ` (${describe(fact.error)})` : '';
        process.stderr.write(`read: the device did not answer on ${port}${code}\n`);
        return DEVICE_EXIT.noAnswer;
      }
      if (fact.type === 'measurement.failed') {
        process.stderr.write(`read: the measurement failed: ${describe(fact.error)}\n`);
        return DEVICE_EXIT.failed;
      }
      const line = {
        model: model.id,
        port,
        kind: fact.measurement.kind,
        quantities: fact.measurement.quantities.map(({ name, value, unit }) => ({ name, value, unit })),
        flags: { stages, status: statusOf(lastFrame) },
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      return DEVICE_EXIT.ok;
    } finally {
      await link.close();
    }
  },
};

/** The `monitor` diagnostic command. */
export const monitorCommand: DiagCommand = {
  usage: 'monitor --model <id> --port <path> [--measure]   print decoded frames live until Ctrl-C',
  async run(args) {
    // No silence watch: a quiet device is worth watching, not hanging up on.
    const opened = await openTarget('monitor', args, false);
    if (!opened.ok) return opened.error;
    const { model, port, link, device } = opened.value;
    const startedAt = clock.now();
    const exit = await new Promise<number>((resolve) => {
      let cancelMeasure: () => void = () => undefined;
      const unsubscribe = device.monitor((frame) =>
        process.stdout.write(
          `${JSON.stringify({ atMs: clock.now() - startedAt, frame: jsonSafe(frame) })}\n`,
        ),
      );
      const stop = (code: number) => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        unsubscribe();
        cancelMeasure();
        resolve(code);
      };
      const onSignal = () => stop(DEVICE_EXIT.ok);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      link.onEnd((end) => {
        if (end === 'closed') return;
        process.stderr.write(`monitor: the link to ${port} ended (${end})\n`);
        stop(DEVICE_EXIT.noAnswer);
      });
      if (args.includes('--measure'))
        cancelMeasure = device.measure((fact) => process.stderr.write(`monitor: ${factText(fact)}\n`));
      process.stderr.write(`monitor: listening to ${model.id} on ${port}; Ctrl-C to stop\n`);
    });
    await link.close();
    return exit;
  },
};

/** The model, port, link and device of a device command, or the exit code after saying what is wrong. */
export async function openTarget(
  command: string,
  args: readonly string[],
  watchSilence: boolean,
): Promise<
  Result<{ model: DeviceModel; port: string; link: ByteLink; device: LinkedMeasuringDevice }, number>
> {
  const target = parseTarget(command, args);
  if (!target.ok) return target;
  const { model, port } = target.value;
  const link = await openLink(model, port, watchSilence);
  if (!link.ok) return { ok: false, error: portFault(command, port, link.error) };
  return {
    ok: true,
    value: { model, port, link: link.value, device: model.createDevice(link.value, clock) },
  };
}

// The model and port of `read` and `monitor`, or the exit code after saying what is wrong.
function parseTarget(
  command: string,
  args: readonly string[],
): Result<{ model: DeviceModel; port: string }, number> {
  const modelId = optionValue(args, '--model');
  const port = optionValue(args, '--port');
  if (modelId === undefined || port === undefined) {
    process.stderr.write(`${command}: usage: ${command} --model <id> --port <path>\n`);
    return { ok: false, error: DEVICE_EXIT.usage };
  }
  const model = findModel(modelId);
  if (model === undefined) {
    process.stderr.write(
      `${command}: unknown model "${modelId}"; valid ids: ${DEVICE_MODELS.map((m) => m.id).join(', ')}\n`,
    );
    return { ok: false, error: DEVICE_EXIT.usage };
  }
  return { ok: true, value: { model, port } };
}

/** The value after `name` in the arguments, or undefined when absent or followed by another option. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  const value = index === -1 ? undefined : args[index + 1];
  return value === undefined || value.startsWith('--') ? undefined : value;
}

// Opens the model's transport; `read` adds the model's silence watch so that a mute device ends the link.
async function openLink(model: DeviceModel, port: string, watchSilence: boolean): Promise<Result<ByteLink>> {
  if (model.transport === 'hid') {
    // node-hid says only "cannot open device" for a wrong path: a missing node is told apart first.
    const exists = await stat(port).then(
      () => true,
      () => false,
    );
    return exists ? openHidLink(port) : { ok: false, error: { code: 'link.portMissing', detail: port } };
  }
  return openSerialLink(port, model.serial, clock, watchSilence ? { silence: model.silence } : {});
}

function portFault(command: string, port: string, error: CabinError): number {
  const why =
    error.code === 'link.portMissing'
      ? 'no such port'
      : error.code === 'link.busy'
        ? 'the port is in use (is the cabin running?)'
        : 'the port cannot be opened';
  process.stderr.write(`${command}: ${port}: ${why} (${describe(error)})\n`);
  if (error.code === 'link.portMissing')
    process.stderr.write(`${command}: \`npm run diag -- list\` shows the ports found\n`);
  return DEVICE_EXIT.port;
}

// Starts one measurement and answers its outcome, or undefined when the deadline passes first.
function measureOnce(
  device: MeasuringDevice,
  ms: number,
  onProgress: (stage: string) => void,
): Promise<Exclude<MeasurementFact, { type: 'measurement.progressed' }> | undefined> {
  return new Promise((resolve) => {
    let cancel: () => void = () => undefined;
    const cancelTimer = after(clock, Math.max(ms, 0), () => {
      cancel();
      resolve(undefined);
    });
    cancel = device.measure((fact) => {
      if (fact.type === 'measurement.progressed') return onProgress(fact.progress.stage);
      cancelTimer();
      resolve(fact);
    });
  });
}

// The status a frame carries: its top-level boolean and text fields (the frame's own type tag excluded).
function statusOf(frame: unknown): Record<string, boolean | string> {
  const status: Record<string, boolean | string> = {};
  if (typeof frame !== 'object' || frame === null) return status;
  for (const [key, value] of Object.entries(frame)) {
    if (key === 'type' || key === 'direction') continue;
    if (typeof value === 'boolean' || typeof value === 'string') status[key] = value;
  }
  return status;
}

// Frames may hold raw bytes: shown as hex, not as JSON.stringify's object of indexes.
function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  return value;
}

function factText(fact: MeasurementFact): string {
  switch (fact.type) {
    case 'measurement.progressed':
      return `progress ${JSON.stringify(fact.progress)}`;
    case 'measurement.taken':
      return `measurement ${JSON.stringify(fact.measurement.quantities)}`;
    case 'measurement.failed':
      return `measurement failed: ${describe(fact.error)}`;
  }
}

function describe(error: CabinError): string {
  return error.detail === undefined ? error.code : `${error.code}, ${error.detail}`;
}

function hexId(id: number | null): string | null {
  return id === null ? null : id.toString(16).padStart(4, '0');
}

// Resolves with the promise, or with undefined when it takes longer than `ms`.
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const cancelTimer = after(clock, ms, () => resolve(undefined));
    promise.then(
      (value) => {
        cancelTimer();
        resolve(value);
      },
      (error: unknown) => {
        cancelTimer();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
