// The five serial device models on real serialport, over socat pseudo-terminal pairs: the device opens
// one end with the model's line settings, its simulator speaks the same bytes on the other end. Each test
// plugs its own pair; every socat is killed and every link closed after each test, even a failed one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock, type MeasurementFact, type Quantity } from '../../../contract';
import type { ByteLink, LinkEnd } from '../../../drivers/byte-link';
import {
  openSerialLink,
  SerialReconnector,
  type SerialConnection,
  type SerialLinkOptions,
} from '../../../drivers/serial';
import { AndStandardDevice, AndStandardSimulator, decodeAndStandard } from '../../../devices/and-standard';
import {
  BleThermometerGatewayDevice,
  BleThermometerGatewaySimulator,
  decodeBleThermometerGateway,
} from '../../../devices/ble-thermometer-gateway';
import {
  andStandardModel,
  bleThermometerGatewayModel,
  mtSicsModel,
  nibpAsciiModel,
  noninDf2Model,
} from '../../../devices/catalog';
import type { SerialDeviceModel } from '../../../devices/device-model';
import type { MeasuringDevice } from '../../../devices/measuring-device';
import {
  decodeMtSics,
  MtSicsDevice,
  MtSicsSimulator,
  type PolledScaleSettings,
} from '../../../devices/mt-sics';
import type { SimulatedScale } from '../../../devices/mt-sics/simulated-scale';
import { decodeNibpAscii, NibpAsciiDevice, NibpAsciiSimulator } from '../../../devices/nibp-ascii';
import { isNoninFrame, NoninDf2Device, NoninDf2Simulator } from '../../../devices/nonin-df2';
import { SocatPtyPair, socatMissing } from './socat-pty-pair';
import { skipWithout } from '../../support/real-stack';
import { until } from '../../support/until';

const missing = socatMissing();
const TITLE = `serial devices on socat pseudo-terminals${missing === null ? '' : ` (skipped: ${missing})`}`;

/** The faults every simulator of the five models can show. */
type WireFault = 'none' | 'garbage' | 'truncated' | 'badChecksum' | 'silence';

/** What the tests need of a simulator: a fault on demand. */
interface Misbehaving {
  misbehave(fault: WireFault): void;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** True when a simulator's write is one whole, valid line ending with `delimiter`. */
const wholeLine =
  (delimiter: string, decodes: (line: string) => boolean) =>
  (bytes: Uint8Array): boolean => {
    const line = text(bytes);
    return line.endsWith(delimiter) && line.indexOf(delimiter) === line.length - delimiter.length
      ? decodes(line.slice(0, -delimiter.length))
      : false;
  };

/** True when a simulator's write is a run of whole, valid Nonin frames. */
const wholeNoninFrames = (bytes: Uint8Array): boolean => {
  if (bytes.length === 0 || bytes.length % 5 !== 0) return false;
  for (let start = 0; start < bytes.length; start += 5)
    if (!isNoninFrame(bytes.subarray(start, start + 5))) return false;
  return true;
};

/** One serial model under test: its simulator with a known patient, and what the device must measure. */
interface ModelCase {
  readonly title: string;
  readonly model: SerialDeviceModel;
  /** Starts the simulator on its end with the scenario below. */
  readonly simulate: (link: ByteLink) => Misbehaving;
  /** The device with short timers, for the silence tests. */
  readonly quickDevice: (link: ByteLink) => MeasuringDevice;
  /** A write of the simulator that is one good frame. */
  readonly goodWrite: (bytes: Uint8Array) => boolean;
  readonly expected: readonly Quantity[];
}

/** A model that measures on its own: its simulator plays `scenario`, its device gives up after 600 ms of silence. */
function streamingCase<Scenario>(
  title: string,
  model: SerialDeviceModel,
  parts: {
    readonly simulator: new (
      link: ByteLink,
      clock: Clock,
    ) => Misbehaving & {
      setScenario(scenario: Scenario): void;
    };
    readonly device: new (link: ByteLink, clock: Clock, options: { silenceMs: number }) => MeasuringDevice;
    readonly goodWrite: (bytes: Uint8Array) => boolean;
  },
  scenario: Scenario,
  expected: readonly Quantity[],
): ModelCase {
  return {
    title,
    model,
    simulate: (link) => {
      const simulator = new parts.simulator(link, systemClock);
      simulator.setScenario(scenario);
      return simulator;
    },
    quickDevice: (link) => new parts.device(link, systemClock, { silenceMs: 600 }),
    goodWrite: parts.goodWrite,
    expected,
  };
}

const NIBP = streamingCase(
  'the NIBP module',
  nibpAsciiModel,
  {
    simulator: NibpAsciiSimulator,
    device: NibpAsciiDevice,
    goodWrite: wholeLine('\r', (line) => decodeNibpAscii(line).ok),
  },
  { systolic: 134, diastolic: 86, pulse: 66, stepMs: 20 },
  [
    { name: 'systolic', value: 134, unit: 'mmHg' },
    { name: 'diastolic', value: 86, unit: 'mmHg' },
    { name: 'meanArterial', value: 102, unit: 'mmHg' },
    { name: 'pulse', value: 66, unit: 'bpm' },
  ],
);

const NONIN = streamingCase(
  'the Nonin oximeter',
  noninDf2Model,
  { simulator: NoninDf2Simulator, device: NoninDf2Device, goodWrite: wholeNoninFrames },
  { heartRate: 61, spo2: 94 },
  [
    { name: 'spo2', value: 94, unit: '%' },
    { name: 'pulse', value: 61, unit: 'bpm' },
  ],
);

const THERMOMETER = streamingCase(
  'the BLE thermometer gateway',
  bleThermometerGatewayModel,
  {
    simulator: BleThermometerGatewaySimulator,
    device: BleThermometerGatewayDevice,
    goodWrite: wholeLine('\n', (line) => decodeBleThermometerGateway(line).ok),
  },
  { celsius: 37.85, takeMs: 200 },
  [{ name: 'temperature', value: 37.85, unit: '°C' }],
);

/** A polled scale: its simulator weighs `weightKg`, its device asks again after 300 ms without reply. */
function scaleCase(
  title: string,
  model: SerialDeviceModel,
  scale: {
    readonly simulator: new (link: ByteLink) => SimulatedScale;
    readonly device: new (
      link: ByteLink,
      clock: Clock,
      options: Partial<PolledScaleSettings>,
    ) => MeasuringDevice;
    readonly decodes: (line: string) => boolean;
  },
  weightKg: number,
): ModelCase {
  return {
    title,
    model,
    simulate: (link) => {
      const simulator = new scale.simulator(link);
      simulator.setScenario({ weightKg });
      return simulator;
    },
    quickDevice: (link) => new scale.device(link, systemClock, { replyMs: 300 }),
    goodWrite: wholeLine('\r\n', scale.decodes),
    expected: [{ name: 'weight', value: weightKg, unit: 'kg' }],
  };
}

const MT_SICS = scaleCase(
  'the MT-SICS scale',
  mtSicsModel,
  { simulator: MtSicsSimulator, device: MtSicsDevice, decodes: (line) => decodeMtSics(line).ok },
  72.35,
);

const AND_STANDARD = scaleCase(
  'the A&D scale (2400 7E1)',
  andStandardModel,
  {
    simulator: AndStandardSimulator,
    device: AndStandardDevice,
    decodes: (line) => decodeAndStandard(line).ok,
  },
  81.6,
);

const MODELS: readonly ModelCase[] = [NIBP, NONIN, THERMOMETER, MT_SICS, AND_STANDARD];

function fail(what: string): never {
  throw new Error(`a serial model without ${what}`);
}

/** One measurement in progress: every fact reported, and the last one once it is taken or failed. */
class Run {
  readonly facts: MeasurementFact[] = [];
  readonly cancel: () => void;

  constructor(device: MeasuringDevice) {
    this.cancel = device.measure((fact) => this.facts.push(fact));
  }

  /** The outcome, once the device reports one; throws after `timeoutMs`. */
  async outcome(timeoutMs: number): Promise<Exclude<MeasurementFact, { type: 'measurement.progressed' }>> {
    await until(() => this.final() !== undefined, timeoutMs, 'a measurement outcome').catch(
      (error: unknown) => {
        this.cancel();
        throw error;
      },
    );
    return this.final() ?? fail('an outcome');
  }

  private final(): Exclude<MeasurementFact, { type: 'measurement.progressed' }> | undefined {
    const last = this.facts.at(-1);
    return last === undefined || last.type === 'measurement.progressed' ? undefined : last;
  }
}

/** The CPU this process used over the next second, as a percentage of one core. */
async function cpuOverOneSecond(): Promise<number> {
  const before = process.cpuUsage();
  const began = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - began)) * 100;
}

describe.skipIf(skipWithout(missing)).sequential(TITLE, { timeout: 20_000 }, () => {
  let directory = '';
  let pairs: SocatPtyPair[] = [];
  let links: ByteLink[] = [];
  let reconnectors: SerialReconnector[] = [];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'cabine-serial-'));
  });

  afterEach(async () => {
    for (const reconnector of reconnectors) await reconnector.stop();
    for (const link of links) await link.close();
    for (const pair of pairs) await pair.kill();
    reconnectors = [];
    links = [];
    pairs = [];
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  /** Opens a serial link that the test will close, failing the test if the port does not open. */
  async function open(path: string, serial: ModelCase['model']['serial'], options: SerialLinkOptions = {}) {
    const opened = await openSerialLink(path, serial, systemClock, options);
    if (!opened.ok) throw new Error(`${path} did not open: ${opened.error.code}`);
    links.push(opened.value);
    return opened.value;
  }

  /** Plugs a fresh pseudo-terminal pair: answers the device's link, the simulator's link and the pair. */
  async function plug(modelCase: ModelCase, deviceOptions: SerialLinkOptions = {}) {
    const pair = new SocatPtyPair(directory, `${modelCase.model.id}-${pairs.length}`);
    pairs.push(pair);
    await pair.start();
    const deviceLink = await open(pair.devicePath, modelCase.model.serial, deviceOptions);
    const simulatorLink = await open(pair.simulatorPath, modelCase.model.serial);
    return { pair, deviceLink, simulatorLink };
  }

  /** Plugs a pair as `plug` does, and records how the device's link ends. */
  async function plugWatched(modelCase: ModelCase, deviceOptions: SerialLinkOptions = {}) {
    const plugged = await plug(modelCase, deviceOptions);
    const ends: LinkEnd[] = [];
    plugged.deviceLink.onEnd((end) => ends.push(end));
    return { ...plugged, ends };
  }

  /** Kills socat under a measurement: it must end as unplugged within 2 s, and the CPU stay low. */
  async function pullTheCable(pair: SocatPtyPair, run: Run, ends: readonly LinkEnd[]): Promise<void> {
    const pulledAt = performance.now();
    await pair.kill();

    const outcome = await run.outcome(2000);
    const noticedAfterMs = performance.now() - pulledAt;
    const cpu = await cpuOverOneSecond();

    expect(outcome.type === 'measurement.failed' && outcome.error.code).toBe('device.unplugged');
    expect(ends).toEqual(['unplugged']);
    expect(noticedAfterMs).toBeLessThan(2000);
    expect(cpu, `CPU after the unplug: ${cpu.toFixed(1)} % of one core`).toBeLessThan(20);
  }

  /**
   * Wraps the simulator's link so that the faults happen one after the other, each followed by at least
   * one good frame: the first fault is shown at once, the next after the simulator writes a good frame.
   */
  function faultsInTurn(
    link: ByteLink,
    faults: readonly WireFault[],
    goodWrite: (bytes: Uint8Array) => boolean,
  ) {
    const queue = [...faults];
    const written: string[] = [];
    let goodAfterLast = false;
    let simulator: Misbehaving | undefined;
    const wrapped: ByteLink = {
      name: link.name,
      write: async (bytes) => {
        written.push(text(bytes));
        const result = await link.write(bytes);
        if (goodWrite(bytes)) {
          goodAfterLast = queue.length === 0;
          if (queue.length > 0) simulator?.misbehave(queue.shift() ?? 'none');
        }
        return result;
      },
      onData: (listener) => link.onData(listener),
      onEnd: (listener) => link.onEnd(listener),
      close: () => link.close(),
    };
    return {
      link: wrapped,
      /** Starts the faults on the simulator made on the wrapped link. */
      start: (started: Misbehaving) => {
        simulator = started;
        started.misbehave(queue.shift() ?? 'none');
      },
      /** Every write of the simulator, as latin1 text. */
      written,
      /** True once every fault was shown and a good frame followed the last one. */
      shown: () => queue.length === 0 && goodAfterLast,
    };
  }

  /** Plugs a pair whose simulator shows garbage, a truncated frame and a bad checksum in turn. */
  async function plugNoisy(modelCase: ModelCase) {
    const { deviceLink, simulatorLink } = await plug(modelCase);
    const faults = faultsInTurn(simulatorLink, ['garbage', 'truncated', 'badChecksum'], modelCase.goodWrite);
    return { deviceLink, faults };
  }

  describe.each(MODELS)('$title', (modelCase) => {
    it('takes a full measurement with the values of the simulated patient, in normalised units', async () => {
      const { deviceLink, simulatorLink } = await plug(modelCase);
      modelCase.simulate(simulatorLink);
      const device = modelCase.model.createDevice(deviceLink, systemClock);

      const outcome = await new Run(device).outcome(8000);

      expect(outcome.type === 'measurement.taken' && outcome.measurement.quantities).toEqual(
        modelCase.expected,
      );
      expect(outcome.type === 'measurement.taken' && outcome.measurement.kind).toBe(modelCase.model.kind);
    });

    it('reports device.timeout when the device falls silent', async () => {
      const { deviceLink, simulatorLink } = await plug(modelCase);
      const simulator = modelCase.simulate(simulatorLink);
      simulator.misbehave('silence');
      const device = modelCase.quickDevice(deviceLink);

      const outcome = await new Run(device).outcome(5000);

      expect(outcome.type === 'measurement.failed' && outcome.error.code).toBe('device.timeout');
    });
  });

  describe.each([NIBP, NONIN, MT_SICS, AND_STANDARD])('$title on a noisy line', (modelCase) => {
    it('still measures after garbage, a truncated frame and a bad checksum, each followed by a good frame', async () => {
      const { deviceLink, faults } = await plugNoisy(modelCase);
      faults.start(modelCase.simulate(faults.link));
      // The scales ask again after a lost reply: a short reply timer keeps the test short.
      const device =
        modelCase === MT_SICS
          ? new MtSicsDevice(deviceLink, systemClock, { replyMs: 500 })
          : modelCase === AND_STANDARD
            ? new AndStandardDevice(deviceLink, systemClock, { replyMs: 500 })
            : modelCase.model.createDevice(deviceLink, systemClock);

      const outcome = await new Run(device).outcome(10_000);

      expect(faults.shown()).toBe(true);
      expect(outcome.type === 'measurement.taken' && outcome.measurement.quantities).toEqual(
        modelCase.expected,
      );
    });
  });

  describe('the BLE thermometer gateway on a noisy line', () => {
    it('still measures after garbage, a truncated line and a bad checksum, each followed by a good line', async () => {
      const { deviceLink, faults } = await plugNoisy(THERMOMETER);
      const device = bleThermometerGatewayModel.createDevice(deviceLink, systemClock);
      faults.start(THERMOMETER.simulate(faults.link));
      // The technician's self-test pings the gateway: its status lines carry garbage and the truncated
      // line (a truncated indication would lose the reading, which a real gateway sends only once).
      expect(await device.check()).toBe('ok');
      expect(await device.check()).toBe('ok');

      // The bad checksum is shown on the indication itself, which the gateway then relays intact.
      const outcome = await new Run(device).outcome(3000);

      expect(
        faults.written.some(
          (line) => line.startsWith('N,') && !THERMOMETER.goodWrite(Buffer.from(line, 'latin1')),
        ),
      ).toBe(true);
      expect(outcome.type === 'measurement.taken' && outcome.measurement.quantities).toEqual(
        THERMOMETER.expected,
      );
    });
  });

  describe('the link watchdog', () => {
    it('ends a streaming port that stays quiet as silent, which the oximeter reports as device.timeout', async () => {
      const { deviceLink, simulatorLink, ends } = await plugWatched(NONIN, {
        silence: noninDf2Model.silence,
      });
      NONIN.simulate(simulatorLink).misbehave('silence');
      // The device's own silence timer is long: the link's watchdog must be the one that notices.
      const run = new Run(new NoninDf2Device(deviceLink, systemClock, { silenceMs: 30_000 }));

      const outcome = await run.outcome(noninDf2Model.silence.silenceMs + 2000);

      expect(outcome.type === 'measurement.failed' && outcome.error.code).toBe('device.timeout');
      expect(ends).toEqual(['silent']);
    });

    it('ends a polled port whose command stays unanswered as silent, which the scale reports as device.timeout', async () => {
      const { deviceLink, simulatorLink, ends } = await plugWatched(MT_SICS, {
        silence: { mode: 'reply', silenceMs: 600 },
      });
      MT_SICS.simulate(simulatorLink).misbehave('silence');
      const run = new Run(new MtSicsDevice(deviceLink, systemClock, { replyMs: 30_000 }));

      const outcome = await run.outcome(3000);

      expect(outcome.type === 'measurement.failed' && outcome.error.code).toBe('device.timeout');
      expect(ends).toEqual(['silent']);
    });
  });

  describe('unplugging (socat killed)', () => {
    it('ends the oximeter as unplugged within 2 s when the cable goes in the middle of a frame, and the CPU stays low', async () => {
      const { pair, deviceLink, simulatorLink, ends } = await plugWatched(NONIN);
      const simulator = new NoninDf2Simulator(simulatorLink, systemClock);
      const run = new Run(noninDf2Model.createDevice(deviceLink, systemClock));
      await until(() => run.facts.length > 0, 3000, 'the finger detected');
      simulator.stop();
      // Two bytes of a frame reach the device, then the cable goes.
      await simulatorLink.write(Uint8Array.of(0x01, 0x81));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await pullTheCable(pair, run, ends);
    });

    it('ends the scale as unplugged within 2 s while a poll waits for its reply, and the CPU stays low', async () => {
      const { pair, deviceLink, simulatorLink, ends } = await plugWatched(MT_SICS);
      const simulator = MT_SICS.simulate(simulatorLink);
      const received: string[] = [];
      simulatorLink.onData((chunk) => received.push(text(chunk)));
      simulator.misbehave('silence');
      const run = new Run(new MtSicsDevice(deviceLink, systemClock, { replyMs: 10_000 }));
      await until(() => received.join('').includes('SI\r\n'), 2000, 'the first poll');
      await pullTheCable(pair, run, ends);
    });
  });

  describe('the reconnector', () => {
    it('reports the port lost when socat dies, connected again when it is back, and the next measurement succeeds', async () => {
      const pair = new SocatPtyPair(directory, 'reconnect');
      pairs.push(pair);
      await pair.start();
      const connections: SerialConnection[] = [];
      const reconnector = new SerialReconnector(
        pair.devicePath,
        THERMOMETER.model.serial,
        (connection) => connections.push(connection),
        systemClock,
        { minBackoffMs: 100, maxBackoffMs: 400 },
      );
      reconnectors.push(reconnector);
      reconnector.start();
      const connected = () => connections.filter((c) => c.state === 'connected');
      await until(() => connected().length === 1, 3000, 'the first connection');
      const first = connected()[0];
      if (first?.state !== 'connected') return fail('a connection');
      THERMOMETER.simulate(await open(pair.simulatorPath, THERMOMETER.model.serial));
      const before = await new Run(THERMOMETER.model.createDevice(first.link, systemClock)).outcome(3000);
      expect(before.type).toBe('measurement.taken');

      await pair.kill();
      await until(() => connections.some((c) => c.state === 'lost'), 2000, 'the port reported lost');
      expect(connections.find((c) => c.state === 'lost')).toMatchObject({ state: 'lost', end: 'unplugged' });
      await pair.start();
      await until(() => connected().length === 2, 5000, 'the second connection');

      const second = connected()[1];
      if (second?.state !== 'connected') return fail('a connection');
      THERMOMETER.simulate(await open(pair.simulatorPath, THERMOMETER.model.serial));
      const after = await new Run(THERMOMETER.model.createDevice(second.link, systemClock)).outcome(3000);
      expect(after.type === 'measurement.taken' && after.measurement.quantities).toEqual(
        THERMOMETER.expected,
      );
    });
  });
});
