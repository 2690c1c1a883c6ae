// Figures of the five serial device models (measured, not asserted): the decode rate of each codec on
// realistic frames, and the controller's CPU while the oximeter streams its 75 frames a second over an
// in-memory link. Run with `tsx test/bench/device-benchmark.ts`.
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../contract';
import { decodeAndStandard, encodeAndStandard } from '../../devices/and-standard';
import {
  decodeBleThermometerGateway,
  encodeBleGatewayNotification,
  encodeHealthThermometer,
  HEALTH_THERMOMETER_MEASUREMENT,
} from '../../devices/ble-thermometer-gateway';
import { decodeMtSics, encodeMtSicsWeight } from '../../devices/mt-sics';
import { decodeNibpAscii, encodeNibpCuffPressure, encodeNibpResult } from '../../devices/nibp-ascii';
import {
  decodeNoninDf2Frame,
  encodeNoninPacket,
  NONIN_FRAME_LENGTH,
  NONIN_PACKET_FRAMES,
  NoninDf2Device,
  NoninDf2Simulator,
} from '../../devices/nonin-df2';
import { createMemoryLinkPair } from '../../drivers/memory-link';

const CODEC_RUN_MS = 500;
const STREAM_MS = 10_000;
const SIMULATOR_ALONE_MS = 5_000;

const withoutEnd = (line: string, delimiter: string): string =>
  line.endsWith(delimiter) ? line.slice(0, -delimiter.length) : line;

/** Decodes the frames in turn for about CODEC_RUN_MS after a warm-up; answers frames a second. */
function decodeRate<T>(frames: readonly T[], decodes: (frame: T) => boolean): number {
  const batch = 1000;
  const run = (count: number): void => {
    for (let i = 0; i < count; i += 1) {
      const frame = frames[i % frames.length];
      if (frame === undefined || !decodes(frame)) throw new Error(`frame ${i % frames.length} not decoded`);
    }
  };
  run(10_000);
  let decoded = 0;
  const begin = performance.now();
  let elapsed = 0;
  while (elapsed < CODEC_RUN_MS) {
    run(batch);
    decoded += batch;
    elapsed = performance.now() - begin;
  }
  return (decoded / elapsed) * 1000;
}

const perSecond = (rate: number, unit = 'frames/s'): string =>
  `${Math.round(rate).toLocaleString('en')} ${unit}`;

/** CPU used by this process while `body` runs for `ms`, as a percentage of one core. */
async function cpuDuring(ms: number, body: () => () => void): Promise<number> {
  const stop = body();
  // Let the first packet through before measuring: start-up is not the steady state.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = process.cpuUsage();
  const begin = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(before);
  const elapsed = performance.now() - begin;
  stop();
  return ((used.user + used.system) / 1000 / elapsed) * 100;
}

function codecLines(): string[] {
  const nibpLines = [
    ...[0, 20, 40, 60, 80, 100, 120, 140, 160, 150, 140, 130, 120, 110, 100, 90, 80, 999].map((p) =>
      encodeNibpCuffPressure(p),
    ),
    encodeNibpResult({ systolic: 128, diastolic: 82, meanArterial: 97, pulse: 72 }),
  ].map((line) => withoutEnd(line, '\r'));

  const noninBytes = encodeNoninPacket({ heartRate: 61, spo2: 97 }, 3);
  const noninFrames = Array.from({ length: NONIN_PACKET_FRAMES }, (_, n) =>
    noninBytes.slice(n * NONIN_FRAME_LENGTH, (n + 1) * NONIN_FRAME_LENGTH),
  );

  const thermometerLines = [
    withoutEnd(
      encodeBleGatewayNotification(HEALTH_THERMOMETER_MEASUREMENT, encodeHealthThermometer(36.98)),
      '\n',
    ),
    'S,READY',
    'S,CONNECTED',
  ];

  const mtSicsLines = [
    encodeMtSicsWeight('SI', true, 0),
    encodeMtSicsWeight('SI', false, 68.75),
    encodeMtSicsWeight('SI', false, 68.0),
    encodeMtSicsWeight('SI', true, 68.4),
  ];

  const andLines = [
    encodeAndStandard('ST', 0),
    encodeAndStandard('US', 68.75),
    encodeAndStandard('US', 68.0),
    encodeAndStandard('ST', 68.4),
  ];

  return [
    `nibp-ascii codec, cuff pressure and result lines: ${perSecond(decodeRate(nibpLines, (l) => decodeNibpAscii(l).ok))}`,
    `nonin-df2 codec, 5-byte frames of a packet: ${perSecond(decodeRate(noninFrames, (f) => decodeNoninDf2Frame(f) !== null))}`,
    `ble-thermometer-gateway codec, 0x2A1C notification and status lines: ${perSecond(
      decodeRate(thermometerLines, (l) => decodeBleThermometerGateway(l).ok),
    )}`,
    `mt-sics codec, SI weight replies: ${perSecond(decodeRate(mtSicsLines, (l) => decodeMtSics(l).ok))}`,
    `and-standard codec, ST/US weight lines: ${perSecond(decodeRate(andLines, (l) => decodeAndStandard(l).ok))}`,
  ];
}

async function oximeterLines(): Promise<string[]> {
  // The simulator alone, its frames written into a link whose other end nobody reads.
  const simulatorOnly = await cpuDuring(SIMULATOR_ALONE_MS, () => {
    const [, simulatorEnd] = createMemoryLinkPair();
    const simulator = new NoninDf2Simulator(simulatorEnd, systemClock);
    return () => simulator.stop();
  });

  let frames = 0;
  let measurements = 0;
  const both = await cpuDuring(STREAM_MS, () => {
    const [deviceEnd, simulatorEnd] = createMemoryLinkPair();
    deviceEnd.onData((chunk) => (frames += chunk.length / NONIN_FRAME_LENGTH));
    const simulator = new NoninDf2Simulator(simulatorEnd, systemClock);
    const device = new NoninDf2Device(deviceEnd, systemClock);
    // The session measures again and again, as a patient keeping the finger in the clip for minutes.
    let cancel = (): void => undefined;
    const measure = (): void => {
      cancel = device.measure((fact) => {
        if (fact.type === 'measurement.progressed') return;
        measurements += 1;
        setImmediate(measure);
      });
    };
    measure();
    return () => {
      cancel();
      simulator.stop();
      void device.close();
    };
  });
  const seconds = (STREAM_MS + 500) / 1000;
  // Both figures carry a few hundredths of a percent of noise: a negative difference means 'lost in it'.
  const controller = both - simulatorOnly;
  const noise = controller < 0 ? ', below the noise of the measurement' : '';
  return [
    `controller CPU while the oximeter streams its 75 frames/s (NoninDf2Device measuring continuously on a ` +
      `memory link, ${STREAM_MS / 1000} s, ${Math.round(frames / seconds)} frames/s received, ${measurements} ` +
      `measurements taken): ${controller.toFixed(2)} % of one core with the simulator's own CPU subtracted${noise} ` +
      `(target < 2 %); ${both.toFixed(2)} % with the simulator, which runs in the same process; the simulator ` +
      `alone, measured first for ${SIMULATOR_ALONE_MS / 1000} s: ${simulatorOnly.toFixed(2)} %`,
  ];
}

/** Measures the five serial codecs' decode rates and the controller's CPU under the oximeter's stream. */
export async function benchmarkDevices(): Promise<string[]> {
  const codecs = codecLines();
  return [...codecs, ...(await oximeterLines())];
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  for (const line of await benchmarkDevices()) console.log(line);
}
