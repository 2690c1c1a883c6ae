import { describe, expect, it } from 'vitest';
import type { MaintenanceRecord } from '../../contract';
import { correctQuantities, fitCorrection } from './correction';
import { scaleMpeKg } from './limits';
import { bloodPressurePlan, oxygenSaturationPlan, temperaturePlan, weightPlan } from './plans';
import { startProcedure, type ProcedureContext, type ProcedurePlan, type ProcedureRun } from './procedure';

const AT = Date.UTC(2026, 11, 5);
const context: ProcedureContext = {
  id: 'record-1',
  modelId: 'model',
  serialNumber: 'SN1',
  technician: 'Camille Martin',
  reference: { instrument: 'Fluke', certificate: 'C-1' },
  adjust: false,
  corrections: [],
};

// Runs a plan to its end: `reading(target)` is what the device reads for each step's target (or its
// reference), the technician types the reference exactly at the target.
function run(
  plan: ProcedurePlan,
  reading: (target: number, step: string) => number | null,
  extra: Partial<ProcedureContext> = {},
): MaintenanceRecord {
  let current: ProcedureRun = startProcedure(plan, { ...context, ...extra });
  while (current.prompt.kind !== 'finished') {
    const step = current.step;
    if (step === null) throw new Error('no step');
    const target =
      current.prompt.kind === 'reference' ? (current.prompt.target ?? 0) : (step.point?.fixedReference ?? 0);
    const value = step.point === null ? null : reading(target, step.point.step);
    current = current.answer(
      { reference: current.prompt.kind === 'reference' ? target : null, reading: value },
      AT,
    );
  }
  return current.prompt.record;
}

describe('the tensiometer against a reference manometer', () => {
  it('passes at +3 mmHg at every point with a leak of 6 mmHg/min, due one year later', () => {
    const record = run(bloodPressurePlan(), (target, step) => (step === 'leak' ? 6 : target + 3));
    expect(record.points.map((p) => p.step)).toEqual([
      'pressure.250',
      'pressure.200',
      'pressure.150',
      'pressure.100',
      'pressure.50',
      'pressure.0',
      'leak',
    ]);
    expect(record.points.every((p) => p.pass)).toBe(true);
    expect(record.verdict).toBe('pass');
    expect(record.kind).toBe('verification');
    expect(record.nextDueAt).toBe(AT + 365 * 86_400_000);
  });

  it('shows each point as found on the prompts that follow it', () => {
    let current: ProcedureRun = startProcedure(bloodPressurePlan(), context);
    expect(current.prompt.kind === 'instruction' && current.prompt.points).toEqual([]);
    current = current.answer({ reference: null, reading: null }, AT);
    current = current.answer({ reference: 250, reading: 252.5 }, AT);
    expect(current.prompt.kind === 'reference' && current.prompt.points).toEqual([
      {
        step: 'pressure.250',
        quantity: 'pressure',
        unit: 'mmHg',
        reference: 250,
        reading: 252.5,
        error: 2.5,
        limit: 3,
        pass: true,
      },
    ]);
  });

  it('fails when one point reads 3.5 mmHg off, with no due date', () => {
    const record = run(bloodPressurePlan(), (target, step) =>
      step === 'pressure.100' ? 96.5 : step === 'leak' ? 0 : target,
    );
    expect(record.points.find((p) => p.step === 'pressure.100')).toMatchObject({
      reference: 100,
      reading: 96.5,
      error: -3.5,
      limit: 3,
      pass: false,
    });
    expect(record.verdict).toBe('fail');
    expect(record.nextDueAt).toBeNull();
  });

  it('fails a leak of 6.5 mmHg/min', () => {
    const record = run(bloodPressurePlan(), (target, step) => (step === 'leak' ? 6.5 : target));
    expect(record.points.at(-1)).toMatchObject({ step: 'leak', unit: 'mmHg/min', limit: 6, pass: false });
    expect(record.verdict).toBe('fail');
  });

  it('calibrates a 2 % span error away, recording the points as found', () => {
    const record = run(bloodPressurePlan(), (target, step) => (step === 'leak' ? 1 : target * 1.02), {
      adjust: true,
    });
    expect(record.kind).toBe('calibration');
    expect(record.points.find((p) => p.step === 'pressure.250')).toMatchObject({ reading: 255, pass: false });
    expect(record.verdict).toBe('pass');
    const [correction] = record.corrections;
    expect(correction?.quantity).toBe('pressure');
    expect(correction?.gain).toBeCloseTo(1 / 1.02, 5);
    expect(record.note).toContain('corrected');
  });

  it('refuses a correction whose gain is 5 % off: the device fails and keeps its corrections', () => {
    const inForce = [{ quantity: 'pressure' as const, gain: 1, offset: 1 }];
    const record = run(bloodPressurePlan(), (target, step) => (step === 'leak' ? 1 : target * 1.05), {
      adjust: true,
      corrections: inForce,
    });
    expect(record.verdict).toBe('fail');
    expect(record.corrections).toEqual(inForce);
    expect(record.note).toContain('refused');
  });

  it('reads the points as found through the corrections in force', () => {
    const record = run(bloodPressurePlan(), (target, step) => (step === 'leak' ? 0 : target - 2), {
      corrections: [{ quantity: 'pressure', gain: 1, offset: 2 }],
    });
    expect(record.points.every((p) => p.error === 0)).toBe(true);
  });
});

describe('the thermometer at reference temperatures', () => {
  it.each([
    [0.3, 'pass'],
    [-0.3, 'pass'],
    [0.31, 'fail'],
  ])('an error of %s °C at 37 °C: %s', (offset, verdict) => {
    const record = run(temperaturePlan(), (target) => (target === 37 ? 37 + offset : target));
    expect(record.verdict).toBe(verdict);
  });

  it('calibrates an offset of 0.4 °C, and refuses one of 0.6 °C', () => {
    const fixed = run(temperaturePlan(), (target) => target + 0.4, { adjust: true });
    expect(fixed.verdict).toBe('pass');
    expect(fixed.corrections).toEqual([{ quantity: 'temperature', gain: 1, offset: -0.4 }]);
    const refused = run(temperaturePlan(), (target) => target + 0.6, { adjust: true });
    expect(refused.verdict).toBe('fail');
    expect(refused.corrections).toEqual([]);
  });
});

describe('the pulse oximeter on a functional tester', () => {
  it('passes at ±3 % and ±3 bpm when it gives no value without a finger', () => {
    const record = run(oxygenSaturationPlan(), (target, step) =>
      step === 'noFinger' ? null : step.startsWith('spo2') ? target - 3 : target + 3,
    );
    expect(record.verdict).toBe('pass');
    expect(record.points).toHaveLength(7);
  });

  it('fails when it gives a value without a finger', () => {
    const record = run(oxygenSaturationPlan(), (target, step) => (step === 'noFinger' ? 95 : target));
    expect(record.points.at(-1)).toMatchObject({ step: 'noFinger', reading: 95, pass: false });
    expect(record.verdict).toBe('fail');
  });

  it('fails a pulse 4 bpm off, and is never adjusted', () => {
    const record = run(
      oxygenSaturationPlan(),
      (target, step) => (step === 'noFinger' ? null : step === 'pulse.120' ? 124 : target),
      { adjust: true },
    );
    expect(record.verdict).toBe('fail');
    expect(record.corrections).toEqual([]);
  });
});

describe('the scale with test weights (OIML R76 class III, in service)', () => {
  const scale = { maxKg: 300, intervalKg: 0.1 };

  it.each([
    [0, 0.1],
    [50, 0.1],
    [50.1, 0.2],
    [200, 0.2],
    [200.1, 0.3],
    [300, 0.3],
  ])('at %s kg the in-service MPE is ±%s kg', (load, mpe) => {
    expect(scaleMpeKg(scale, load, true)).toBe(mpe);
  });

  it('has the initial verification MPE half of that: ±0.05 kg at 500 e', () => {
    expect(scaleMpeKg(scale, 50, false)).toBe(0.05);
  });

  it('loads 50 e, 500 e, 2000 e and Max, unloads, four eccentric positions and three repeated loads', () => {
    const steps = weightPlan(scale).steps.map((s) => s.point?.step);
    expect(steps).toEqual([
      undefined,
      'load.50e.up',
      'load.500e.up',
      'load.2000e.up',
      'load.3000e.up',
      'load.2000e.down',
      'load.500e.down',
      'load.50e.down',
      'eccentricity.1',
      'eccentricity.2',
      'eccentricity.3',
      'eccentricity.4',
      'repeatability.1',
      'repeatability.2',
      'repeatability.3',
    ]);
    expect(weightPlan(scale).steps[8]?.prompt).toMatchObject({ target: 100, params: { position: 1 } });
  });

  it('passes at the limit edges: +0.1 kg at 50 kg, +0.2 kg at 200 kg, +0.3 kg at 300 kg', () => {
    const record = run(weightPlan(scale), (target) => target + scaleMpeKg(scale, target, true));
    expect(record.verdict).toBe('pass');
  });

  it('fails 0.2 kg off at 50 kg, and a repeatability spread beyond ±0.2 kg at 150 kg', () => {
    const atHalfE = run(weightPlan(scale), (target) => (target === 50 ? 50.2 : target));
    expect(atHalfE.points.find((p) => p.step === 'load.500e.up')).toMatchObject({
      error: 0.2,
      limit: 0.1,
      pass: false,
    });
    expect(atHalfE.verdict).toBe('fail');
    let time = 0;
    const spread = run(weightPlan(scale), (target, step) => {
      if (!step.startsWith('repeatability')) return target;
      time += 1;
      return time === 1 ? 149.85 : time === 2 ? 150.15 : 150;
    });
    expect(spread.points.at(-1)).toMatchObject({
      step: 'repeatability.spread',
      reading: 0.3,
      limit: 0.2,
      pass: false,
    });
    expect(spread.verdict).toBe('fail');
  });

  it('a 2000 e scale loads Max (2000 e) once', () => {
    const steps = weightPlan({ maxKg: 200, intervalKg: 0.1 }).steps.map((s) => s.point?.step);
    expect(steps.slice(1, 6)).toEqual([
      'load.50e.up',
      'load.500e.up',
      'load.2000e.up',
      'load.500e.down',
      'load.50e.down',
    ]);
  });
});

describe('corrections', () => {
  it('fit reference = raw × gain + offset by least squares', () => {
    const fit = fitCorrection(
      'weight',
      [
        { raw: 0, reference: 0.1 },
        { raw: 100, reference: 100.1 },
        { raw: 200, reference: 200.1 },
      ],
      false,
    );
    expect(fit).toEqual({ quantity: 'weight', gain: 1, offset: 0.1 });
  });

  it('apply the pressure correction to systolic, diastolic and mean, keeping whole mmHg', () => {
    const corrected = correctQuantities(
      [
        { name: 'systolic', value: 120, unit: 'mmHg' },
        { name: 'pulse', value: 70, unit: 'bpm' },
      ],
      [{ quantity: 'pressure', gain: 1.01, offset: 1 }],
    );
    expect(corrected).toEqual([
      { name: 'systolic', value: 122, unit: 'mmHg' },
      { name: 'pulse', value: 70, unit: 'bpm' },
    ]);
  });
});
