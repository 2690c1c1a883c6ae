// `calibrate` and `records` scripted as a technician with a reference instrument would, against the
// thermometer's byte-level simulator on an in-memory link, on a manual clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaintenanceRecord } from '../../contract';
import { bleThermometerGatewayModel, mtSicsModel } from '../../devices/catalog';
import { MtSicsSimulator } from '../../devices/mt-sics';
import { BleThermometerGatewaySimulator } from '../../devices/ble-thermometer-gateway';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { openCabinStore } from '../store';
import { calibrate, parseReference, records, type CalibrateIo } from './maintenance-commands';

let directory: string;
let clock: ManualClock;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabine-calibrate-'));
  clock = new ManualClock(Date.UTC(2026, 11, 5, 9));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const storeAt = () => openCabinStore(join(directory, 'cabin.db'), clock);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

// Runs `calibrate` on the simulated thermometer reading `celsius`, with `lines` as stdin.
async function runCalibrate(lines: readonly string[], celsius = 36.9, extra: string[] = []): Promise<Ran> {
  const [device, simulated] = createMemoryLinkPair();
  const simulator = new BleThermometerGatewaySimulator(simulated, clock);
  simulator.setScenario({ celsius });
  let stdout = '';
  let stderr = '';
  const queue = [...lines];
  const io: CalibrateIo = {
    lines: {
      next: () => {
        const line = queue.shift();
        return Promise.resolve(
          line === undefined ? { done: true, value: undefined } : { done: false, value: line },
        );
      },
    },
    interactive: false,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    clock,
    open: () =>
      Promise.resolve({
        ok: true,
        value: {
          model: bleThermometerGatewayModel,
          port: 'memory:thermometer',
          device: bleThermometerGatewayModel.createDevice(device, clock),
          close: () => device.close(),
        },
      }),
    store: () => storeAt(),
  };
  const args = [
    '--model',
    'ble-thermometer-gateway',
    '--port',
    'memory',
    '--technician',
    'Camille Martin',
    '--reference',
    'Sonde Pt100 Fluke 5622; COFRAC 2026-0042',
    ...extra,
  ];
  let code: number | null = null;
  const done = calibrate(args, io).then((exit) => (code = exit));
  while (code === null) await clock.advance(250);
  await done;
  simulator.stop();
  return { code, stdout, stderr };
}

function listed(args: string[] = []): { code: number; records: MaintenanceRecord[] } {
  let stdout = '';
  const code = records(args, {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    store: () => storeAt(),
  });
  const lines = stdout.split('\n').filter((line) => line !== '');
  return { code, records: lines.map((line) => JSON.parse(line) as MaintenanceRecord) };
}

describe('npm run diag -- calibrate, scripted on stdin', () => {
  it('passes a thermometer within ±0.3 °C: one JSON line, exit 0, stored in the register', async () => {
    const ran = await runCalibrate(['', '36.9', '36.7', '37.1']);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('Put the thermometer in the black body');
    expect(ran.stderr).toContain('[2/3] Set the bath to about 37 °C');
    const lines = ran.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '') as MaintenanceRecord;
    expect(record).toMatchObject({
      kind: 'verification',
      peripheral: 'temperature',
      modelId: 'ble-thermometer-gateway',
      technician: 'Camille Martin',
      reference: { instrument: 'Sonde Pt100 Fluke 5622', certificate: 'COFRAC 2026-0042' },
      verdict: 'pass',
    });
    expect(record.points.map((p) => p.error)).toEqual([0, 0.2, -0.2]);
    expect(listed().records).toEqual([record]);
  });

  it('fails a thermometer 0.4 °C off with exit 6, and lists both records newest first', async () => {
    await runCalibrate(['', '36.9', '36.9', '36.9']);
    clock.increment(60_000);
    const failed = await runCalibrate(['', '36.5', '36.9', '36.9']);
    expect(failed.code).toBe(6);
    expect(failed.stderr).toContain('FAIL');
    const { code, records: all } = listed(['--model', 'ble-thermometer-gateway']);
    expect(code).toBe(0);
    expect(all.map((r) => r.verdict)).toEqual(['fail', 'pass']);
    expect(listed(['--serial', 'nobody']).records).toEqual([]);
  });

  it('stops with exit 2 when stdin ends early or a value is not a number, recording nothing', async () => {
    expect((await runCalibrate(['', '36.9'])).code).toBe(2);
    const wrong = await runCalibrate(['', 'thirty-seven']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is not a number');
    expect(listed().records).toEqual([]);
  });

  it('calibrates with --adjust: an offset within ±0.5 °C is applied', async () => {
    const ran = await runCalibrate(['', '35', '37', '41'], 36.9, ['--adjust']);
    // The simulator reads 36.9 °C whatever the bath: no single offset fits 35 and 41 °C.
    expect(ran.code).toBe(6);
    const record = JSON.parse(ran.stdout) as MaintenanceRecord;
    expect(record.kind).toBe('calibration');
    expect(record.note).toContain('refused');
  });
});

// Runs `calibrate` on the simulated MT-SICS scale: before each line the test puts `loads[i]` kg on it
// (what the technician's test weights are), and types `typed[i]`.
async function runScale(loads: readonly number[], typed: readonly string[]): Promise<Ran> {
  const [device, simulated] = createMemoryLinkPair();
  const simulator = new MtSicsSimulator(simulated);
  let stdout = '';
  let stderr = '';
  let index = 0;
  const io: CalibrateIo = {
    lines: {
      next: () => {
        const line = typed[index];
        simulator.setScenario({ weightKg: loads[index] ?? 0 });
        index += 1;
        return Promise.resolve(
          line === undefined ? { done: true, value: undefined } : { done: false, value: line },
        );
      },
    },
    interactive: false,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    clock,
    open: () =>
      Promise.resolve({
        ok: true,
        value: {
          model: mtSicsModel,
          port: 'memory:scale',
          device: mtSicsModel.createDevice(device, clock),
          close: () => device.close(),
        },
      }),
    store: () => storeAt(),
  };
  let code: number | null = null;
  const done = calibrate(
    ['--model', 'mt-sics', '--port', 'memory', '--technician', 'Camille Martin'],
    io,
  ).then((exit) => (code = exit));
  while (code === null) await clock.advance(250);
  await done;
  simulator.stop();
  return { code, stdout, stderr };
}

// The scale's prompts in order (300 kg by 0.1 kg): empty, 50 e … Max … 50 e, 4 × 1/3 Max, 3 × 1/2 Max.
const SCALE_LOADS = [0, 5, 50, 200, 300, 200, 50, 5, 100, 100, 100, 100, 150, 150, 150];

describe('npm run diag -- calibrate on the scale, with test weights', () => {
  it('passes when each reading is the test weights within the in-service MPE', async () => {
    const ran = await runScale(
      SCALE_LOADS,
      SCALE_LOADS.map((load, i) => (i === 0 ? '' : String(load))),
    );
    expect(ran.stderr).toContain('Load about 300 kg of test weights');
    expect(ran.code).toBe(0);
    const record = JSON.parse(ran.stdout) as MaintenanceRecord;
    expect(record.points).toHaveLength(15);
    expect(record.points.find((p) => p.step === 'load.3000e.up')).toMatchObject({
      reference: 300,
      reading: 300,
      limit: 0.3,
    });
  });

  it('fails with exit 6 when the scale reads 0.2 kg light at 50 kg (±1 e in service)', async () => {
    const loads = SCALE_LOADS.map((load, i) => (i === 2 ? 49.8 : load));
    const ran = await runScale(
      loads,
      SCALE_LOADS.map((load, i) => (i === 0 ? '' : String(load))),
    );
    expect(ran.code).toBe(6);
    expect((JSON.parse(ran.stdout) as MaintenanceRecord).points[1]).toMatchObject({
      error: -0.2,
      pass: false,
    });
  });
});

describe('the --reference option', () => {
  it('splits the instrument from its certificate at the last ; or ,', () => {
    expect(parseReference('Fluke ProSim 8, cert. 42')).toEqual({
      instrument: 'Fluke ProSim 8',
      certificate: 'cert. 42',
    });
    expect(parseReference('Manomètre étalon')).toEqual({ instrument: 'Manomètre étalon', certificate: '' });
    expect(parseReference(undefined)).toBeNull();
  });
});
