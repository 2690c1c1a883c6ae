// The technician's bench on real serialport over socat pseudo-terminals: the NIBP module in manometer
// mode reads the pressure its simulator's bench applies (with the module's error and a leak), and the
// MT-SICS balance and the NIBP module say who they are over the pty, through the traffic tap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type CabinError } from '../../../contract';
import type { ByteLink } from '../../../drivers/byte-link';
import { openSerialLink } from '../../../drivers/serial';
import { tapLink } from '../../../drivers/traffic-tap';
import { mtSicsModel, nibpAsciiModel } from '../../../devices/catalog';
import type { SerialDeviceModel } from '../../../devices/device-model';
import { MtSicsSimulator } from '../../../devices/mt-sics';
import { NibpAsciiSimulator } from '../../../devices/nibp-ascii';
import { SocatPtyPair, socatMissing } from './socat-pty-pair';
import { skipWithout } from '../../support/real-stack';
import { until } from '../../support/until';

const missing = socatMissing();
const TITLE = `the technician's bench on socat pseudo-terminals${missing === null ? '' : ` (skipped: ${missing})`}`;

describe.skipIf(skipWithout(missing)).sequential(TITLE, { timeout: 20_000 }, () => {
  let directory = '';
  let pairs: SocatPtyPair[] = [];
  let links: ByteLink[] = [];
  let stops: (() => void)[] = [];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'cabine-bench-'));
  });

  afterEach(async () => {
    for (const stop of stops) stop();
    for (const link of links) await link.close();
    for (const pair of pairs) await pair.kill();
    stops = [];
    links = [];
    pairs = [];
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  /** Plugs a fresh pair for `model`: the device's end (tapped) and the simulator's end, both opened. */
  async function plug(model: SerialDeviceModel) {
    const pair = new SocatPtyPair(directory, `${model.id}-${pairs.length}`);
    pairs.push(pair);
    await pair.start();
    const open = async (path: string) => {
      const opened = await openSerialLink(path, model.serial, systemClock);
      if (!opened.ok) throw new Error(`${path} did not open: ${opened.error.code}`);
      links.push(opened.value);
      return opened.value;
    };
    const deviceLink = tapLink(await open(pair.devicePath), systemClock);
    const simulatorLink = await open(pair.simulatorPath);
    return { deviceLink, simulatorLink };
  }

  it('the NIBP module in manometer mode reads the bench pressure, with its error and the leak', async () => {
    const { deviceLink, simulatorLink } = await plug(nibpAsciiModel);
    const simulator = new NibpAsciiSimulator(simulatorLink, systemClock);
    stops.push(() => simulator.stop());
    simulator.setScenario({ stepMs: 50 });
    simulator.setDeviceError('pressure', { offset: 2, gain: 1 });
    simulator.applyPressure(250);
    const device = nibpAsciiModel.createDevice(deviceLink, systemClock);
    const pressures: number[] = [];
    const ends: CabinError[] = [];
    const leave = device.manometer?.startManometer(
      (mmHg) => pressures.push(mmHg),
      (error) => ends.push(error),
    );
    await until(() => pressures.length >= 3, 3000, 'three pressure lines');
    expect(pressures.slice(0, 3)).toEqual([252, 252, 252]);
    // A leak of 6000 mmHg/min is 100 mmHg a second: the pressure falls line after line.
    simulator.setLeakRate(6000);
    await until(() => (pressures.at(-1) ?? 999) < 200, 3000, 'the pressure falling');
    leave?.();
    await until(() => simulator.received.includes('X'), 2000, 'the stop X');
    expect(simulator.received).toEqual(['14', 'X']);
    expect(ends).toEqual([]);
    const written = deviceLink.traffic(0).filter((entry) => entry.direction === 'toDevice');
    expect(written.map((entry) => Buffer.from(entry.hex, 'hex').toString('latin1'))).toEqual([
      '\x0214;;DB\x03\r',
      'X\r',
    ]);
  });

  it('an error code from the module in manometer mode ends the mode', async () => {
    const { deviceLink, simulatorLink } = await plug(nibpAsciiModel);
    const simulator = new NibpAsciiSimulator(simulatorLink, systemClock);
    stops.push(() => simulator.stop());
    simulator.setScenario({ stepMs: 50 });
    simulator.misbehave('error');
    const device = nibpAsciiModel.createDevice(deviceLink, systemClock);
    const ends: CabinError[] = [];
    device.manometer?.startManometer(
      () => undefined,
      (error) => ends.push(error),
    );
    await until(() => ends.length > 0, 3000, 'the end of the mode');
    expect(ends).toEqual([{ code: 'device.error', detail: 'manometer error 3' }]);
  });

  it('the MT-SICS balance says who it is over the pty; the NIBP module answers with nulls', async () => {
    const scale = await plug(mtSicsModel);
    new MtSicsSimulator(scale.simulatorLink, {
      type: 'ICS425 300 kg',
      software: '3.4.1 11.62.4.1',
      serialNumber: 'B021002593',
    });
    const balance = mtSicsModel.createDevice(scale.deviceLink, systemClock);
    expect(await balance.identify()).toEqual({
      ok: true,
      value: {
        model: 'ICS425 300 kg',
        firmware: '3.4.1 11.62.4.1',
        serialNumber: 'B021002593',
        source: 'device',
      },
    });
    const nibp = await plug(nibpAsciiModel);
    const module = new NibpAsciiSimulator(nibp.simulatorLink, systemClock);
    stops.push(() => module.stop());
    const tensiometer = nibpAsciiModel.createDevice(nibp.deviceLink, systemClock);
    expect(await tensiometer.identify()).toEqual({
      ok: true,
      value: { model: null, serialNumber: null, firmware: null, source: 'device' },
    });
  });
});
