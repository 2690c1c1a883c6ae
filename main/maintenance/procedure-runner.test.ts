// A technician runs each procedure on a device on its bench: the runner sets the bench, reads the device
// and keeps the record in the register.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedurePrompt, Result } from '../../contract';
import { bloodPressurePlan, planFor } from '../../devices/calibration/plans';
import { ManualClock } from '../../test/support/manual-clock';
import { openCabinStore, type CabinStore } from '../store';
import { runProcedure, type ProcedureSession, type ProcedureTarget } from './procedure-runner';
import { BenchDevice } from './test-support/bench-devices';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

let clock: ManualClock;
let ids = 0;
let store: CabinStore;
beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 11, 5, 9));
  store = unwrap(openCabinStore(':memory:', clock));
});
afterEach(() => store.close());

const request = {
  technician: 'Camille Martin',
  reference: { instrument: 'Fluke ProSim 8', certificate: 'C-42' },
  adjust: false,
};

function target(device: BenchDevice, scale?: { maxKg: number; intervalKg: number }): ProcedureTarget {
  return {
    kind: device.kind,
    modelId: 'model',
    serialNumber: 'SN1',
    device,
    bench: device,
    ...(scale ? { scale } : {}),
  };
}

function start(
  device: BenchDevice,
  scale?: { maxKg: number; intervalKg: number },
  adjust = false,
): ProcedureSession {
  return unwrap(
    runProcedure(
      target(device, scale),
      { ...request, adjust },
      {
        clock,
        register: store.maintenance,
        newId: () => `record-${(ids += 1)}`,
        plan: (kind, metrology) =>
          kind === 'bloodPressure' ? { ok: true, value: bloodPressurePlan(10) } : planFor(kind, metrology),
      },
    ),
  );
}

// Answers every prompt as a technician reading the reference exactly at its target, time moving as it reads.
async function answerAll(session: ProcedureSession): Promise<ProcedurePrompt> {
  let prompt = session.prompt;
  while (prompt.kind === 'instruction' || prompt.kind === 'reference') {
    const answer = session.answer(prompt.kind === 'reference' ? prompt.target : null);
    await clock.advance(20_000);
    prompt = unwrap(await answer);
  }
  return prompt;
}

describe('the procedure runner', () => {
  it('verifies a thermometer at 35, 37 and 41 °C and stores the record', async () => {
    const device = new BenchDevice('temperature', clock);
    device.reads = (_q, value) => value + 0.2;
    const session = start(device);
    expect(session.prompt).toMatchObject({ kind: 'instruction', code: 'temperature.connectReference' });
    const end = await answerAll(session);
    expect(end.kind).toBe('finished');
    if (end.kind !== 'finished') return;
    expect(end.record.points.map((p) => [p.reference, p.reading, p.pass])).toEqual([
      [35, 35.2, true],
      [37, 37.2, true],
      [41, 41.2, true],
    ]);
    expect(end.record.verdict).toBe('pass');
    expect(unwrap(store.maintenance.list())).toEqual([end.record]);
  });

  it('checks the tensiometer on its manometer stream, with a leak measured over the wait', async () => {
    const device = new BenchDevice('bloodPressure', clock);
    device.leakMmHgPerMin = 9;
    const end = await answerAll(start(device));
    if (end.kind !== 'finished') throw new Error(`ended ${end.kind}`);
    expect(end.record.points.slice(0, 6).every((p) => p.pass)).toBe(true);
    const leak = end.record.points.at(-1);
    expect(leak?.step).toBe('leak');
    // Read on the stream's once-a-second reports: within a report of the true 9 mmHg/min.
    expect(leak?.reading).toBeGreaterThan(7.5);
    expect(leak?.pass).toBe(false);
    expect(end.record.verdict).toBe('fail');
  });

  it('refuses a tensiometer without manometer mode', () => {
    const device = new BenchDevice('temperature', clock);
    const result = runProcedure({ ...target(device), kind: 'bloodPressure' }, request, {
      clock,
      register: store.maintenance,
      newId: () => 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'procedure.unavailable' } });
  });

  it('asks again when a reference value is missing', async () => {
    const session = start(new BenchDevice('temperature', clock));
    await session.answer(null);
    expect(await session.answer(null)).toMatchObject({
      ok: false,
      error: { code: 'procedure.valueExpected' },
    });
  });

  it('stops with the fault when the device fails a reading, and records nothing', async () => {
    const device = new BenchDevice('weight', clock);
    device.failure = { code: 'device.error' };
    const session = start(device, { maxKg: 300, intervalKg: 0.1 });
    expect(unwrap(await session.answer(null))).toMatchObject({ kind: 'reference', target: 5 });
    const answer = session.answer(5);
    await clock.advance(2_000);
    expect(unwrap(await answer)).toEqual({ kind: 'stopped', code: 'device.error' });
    expect(unwrap(store.maintenance.list())).toEqual([]);
  });

  it('passes the oximeter that gives no value without a finger', async () => {
    const end = await answerAll(start(new BenchDevice('oxygenSaturation', clock)));
    if (end.kind !== 'finished') throw new Error(`ended ${end.kind}`);
    expect(end.record.points.at(-1)).toMatchObject({ step: 'noFinger', pass: true });
    expect(end.record.verdict).toBe('pass');
  });

  it('cancels: nothing recorded, the prompt says so', async () => {
    const session = start(new BenchDevice('temperature', clock));
    session.cancel();
    expect(session.prompt).toEqual({ kind: 'stopped', code: 'procedure.cancelled' });
    expect(unwrap(await session.answer(null))).toEqual({ kind: 'stopped', code: 'procedure.cancelled' });
  });

  it('calibrates a scale reading 0.2 % heavy, and later procedures read through the correction', async () => {
    const device = new BenchDevice('weight', clock);
    device.reads = (_q, value) => Math.round(value * 1.002 * 10) / 10;
    const scale = { maxKg: 300, intervalKg: 0.1 };
    const first = await answerAll(start(device, scale, true));
    if (first.kind !== 'finished') throw new Error(`ended ${first.kind}`);
    expect(first.record.verdict).toBe('pass');
    expect(first.record.corrections[0]?.gain).toBeCloseTo(1 / 1.002, 3);
    const again = await answerAll(start(device, scale));
    if (again.kind !== 'finished') throw new Error(`ended ${again.kind}`);
    expect(again.record.points.find((p) => p.step === 'load.3000e.up')?.error).toBeCloseTo(0, 1);
    expect(again.record.corrections).toEqual(first.record.corrections);
  });
});
