// The simulated devices of `npm start` as the technician sees them: who they are, their traffic and
// frames, and a reference bench that the simulated device reads with its small error; on the manual clock.
import { describe, expect, it } from 'vitest';
import type { MeasurementFact, MeasurementKind } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { PolledScaleDevice } from '../mt-sics';
import { outcomeOf } from '../test-support/measuring';
import { ByteLevelSimulatedDevice } from './byte-level-devices';
import { happyScript } from './simulation-script';

function simulated(kind: MeasurementKind) {
  const clock = new ManualClock(1_000_000);
  const device = new ByteLevelSimulatedDevice(kind, happyScript(10), clock);
  return { clock, device };
}

async function measureOn(
  { clock, device }: ReturnType<typeof simulated>,
  ms: number,
): Promise<MeasurementFact | undefined> {
  const facts: MeasurementFact[] = [];
  device.device.measure((fact) => facts.push(fact));
  await clock.advance(ms);
  return outcomeOf(facts);
}

const quantities = (fact: MeasurementFact | undefined) =>
  fact?.type === 'measurement.taken' ? fact.measurement.quantities.map((q) => [q.name, q.value]) : fact;

describe('a byte-level simulated device for the technician', () => {
  it.each([
    [
      'bloodPressure',
      'nibp-ascii',
      { model: 'NIBP-SIM', serialNumber: 'SIM-BP-0001', firmware: '1.0', source: 'simulator' },
    ],
    [
      'temperature',
      'ble-thermometer-gateway',
      { model: 'THERMO-SIM', serialNumber: 'SIM-TH-0001', firmware: '1.0', source: 'device' },
    ],
    [
      'oxygenSaturation',
      'nonin-df2',
      { model: 'OXIMETER-SIM', serialNumber: 'SIM-OX-0001', firmware: '41', source: 'device' },
    ],
    [
      'weight',
      'mt-sics',
      { model: 'SCALE-SIM 300 kg', serialNumber: 'SIM-WT-0001', firmware: '1.0', source: 'device' },
    ],
  ] as const)('the %s device (%s) says who it is once plugged in', async (kind, modelId, identity) => {
    const rig = simulated(kind);
    await rig.clock.advance(2000);
    expect(rig.device.modelId).toBe(modelId);
    expect(rig.device.port).toBe(`memory:${modelId}`);
    expect(rig.device.identity).toEqual(identity);
    rig.device.dispose();
  });

  it('keeps the raw traffic both ways and the last decoded frames', async () => {
    const rig = simulated('weight');
    await rig.clock.advance(10);
    const traffic = rig.device.traffic(0);
    // I2, I3, I4 asked at plug-in, each answered.
    expect(traffic.slice(0, 2)).toEqual([
      { atMs: 1_000_000, direction: 'toDevice', hex: Buffer.from('I2\r\n').toString('hex') },
      {
        atMs: 1_000_000,
        direction: 'fromDevice',
        hex: Buffer.from('I2 A "SCALE-SIM 300 kg"\r\n').toString('hex'),
      },
    ]);
    expect(rig.device.lastFrames()[0]).toEqual({
      atMs: 1_000_000,
      text: '{"type":"identity","command":"I2","text":"\\"SCALE-SIM 300 kg\\""}',
    });
    rig.device.dispose();
  });

  it('keeps the patient journey unchanged until a bench is set', async () => {
    const rig = simulated('temperature');
    expect(quantities(await measureOn(rig, 2000))).toEqual([['temperature', 36.9]]);
    rig.device.dispose();
  });

  it('the tensiometer reads the bench pressure in manometer mode, 1 mmHg high', async () => {
    const rig = simulated('bloodPressure');
    rig.device.bench().apply('pressure', 200);
    const pressures: number[] = [];
    const leave = rig.device.device.manometer?.startManometer(
      (mmHg) => pressures.push(mmHg),
      () => undefined,
    );
    await rig.clock.advance(250);
    leave?.();
    expect(pressures.at(-1)).toBe(201);
    rig.device.dispose();
  });

  it('the thermometer reads the black body 0.1 °C high, the scale the test weight 0.1 kg heavy', async () => {
    const thermometer = simulated('temperature');
    thermometer.device.bench().apply('temperature', 41);
    expect(quantities(await measureOn(thermometer, 2000))).toEqual([['temperature', 41.1]]);
    const scale = simulated('weight');
    scale.device.bench().apply('weight', 150);
    expect(quantities(await measureOn(scale, 3000))).toEqual([['weight', 150.1]]);
    thermometer.device.dispose();
    scale.device.dispose();
  });

  it('the oximeter reads the functional tester 1 % and 1 bpm high, and no finger as no finger', async () => {
    const rig = simulated('oxygenSaturation');
    const bench = rig.device.bench();
    bench.apply('spo2', 85);
    bench.apply('pulse', 60);
    expect(quantities(await measureOn(rig, 5000))).toEqual([
      ['spo2', 86],
      ['pulse', 61],
    ]);
    bench.noFinger();
    expect(await measureOn(rig, 31_000)).toMatchObject({
      type: 'measurement.failed',
      error: { code: 'measurement.noFinger' },
    });
    expect(() => bench.apply('weight', 3)).toThrow();
    rig.device.dispose();
  });
});

describe('a test weight under the patient floor', () => {
  it('the scale reads zero and 1 kg on a single poll, 0.1 kg heavy', async () => {
    const rig = simulated('weight');
    const bench = rig.device.bench();
    const scale = rig.device.device;
    if (!(scale instanceof PolledScaleDevice)) throw new Error('the simulated scale polls');
    bench.apply('weight', 0);
    const zero = scale.weighOnce();
    await rig.clock.advance(100);
    expect(await zero).toEqual({ ok: true, value: { kg: 0.1, stable: true } });
    bench.apply('weight', 1);
    const small = scale.weighOnce();
    await rig.clock.advance(100);
    expect(await small).toEqual({ ok: true, value: { kg: 1.1, stable: true } });
    rig.device.dispose();
    const gone = scale.weighOnce();
    await rig.clock.advance(100);
    expect(await gone).toMatchObject({ ok: false });
  });
});
