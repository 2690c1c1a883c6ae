// One procedure plan per kind of measuring device, after the table "Calibration and verification" of
// DEVICES.md: the points, their limits (limits.ts) and whether the device may be adjusted on site.
import { err, ok, type CalibrationPoint, type MeasurementKind, type Result } from '../../contract';
import type { ScaleMetrology } from '../device-model';
import {
  CORRECTION_BOUNDS,
  LEAK_LIMIT_MMHG_PER_MIN,
  LEAK_TEST_SECONDS,
  PRESSURE_LIMIT_MMHG,
  PULSE_LIMIT_BPM,
  SPO2_LIMIT_PERCENT,
  TEMPERATURE_LIMIT_C,
  roundTo,
  scaleMpeKg,
  withinLimit,
} from './limits';
import type { PlanStep, ProcedurePlan } from './procedure';

/** The tensiometer's points, read from the reference manometer while the cuff deflates (mmHg). */
export const PRESSURE_POINTS_MMHG = [250, 200, 150, 100, 50, 0] as const;

/** The pressure the cuff is pumped to, valve closed, for the leak test (mmHg). */
export const LEAK_TEST_PRESSURE_MMHG = 150;

/** The thermometer's reference temperatures (°C): low fever range, normal, high fever. */
export const TEMPERATURE_POINTS_C = [35, 37, 41] as const;

/** The oximeter simulator's settings: normal, moderate and severe desaturation with a fast pulse. */
export const OXIMETER_POINTS = [
  { spo2: 97, pulse: 75 },
  { spo2: 90, pulse: 60 },
  { spo2: 80, pulse: 120 },
] as const;

/** How long the oximeter, without a finger, is watched for a value it must not give (ms). */
export const NO_FINGER_WAIT_MS = 15_000;

const instruction = (
  code: PlanStep['prompt']['code'],
  params: Readonly<Record<string, number | string>> = {},
): PlanStep['prompt'] => ({ kind: 'instruction', code, params });

/** The tensiometer in manometer mode against a reference manometer, then the leak test. */
export function bloodPressurePlan(leakSeconds = LEAK_TEST_SECONDS): ProcedurePlan {
  const count = PRESSURE_POINTS_MMHG.length;
  return {
    peripheral: 'bloodPressure',
    steps: [
      {
        prompt: instruction('bloodPressure.connectReference'),
        read: { kind: 'none' },
        point: null,
        bench: [],
      },
      ...PRESSURE_POINTS_MMHG.map((target, index): PlanStep => ({
        prompt: {
          kind: 'reference',
          code: 'bloodPressure.point',
          quantity: 'pressure',
          unit: 'mmHg',
          target,
          index,
          count,
          params: { target },
        },
        read: { kind: 'pressure' },
        point: {
          step: `pressure.${target}`,
          quantity: 'pressure',
          unit: 'mmHg',
          limit: PRESSURE_LIMIT_MMHG,
          corrects: 'pressure',
        },
        bench: [['pressure', target]],
      })),
      {
        prompt: instruction('bloodPressure.leakTest', {
          target: LEAK_TEST_PRESSURE_MMHG,
          seconds: leakSeconds,
        }),
        read: { kind: 'leak', seconds: leakSeconds },
        point: {
          step: 'leak',
          quantity: 'leakRate',
          unit: 'mmHg/min',
          limit: LEAK_LIMIT_MMHG_PER_MIN,
          fixedReference: 0,
        },
        bench: [['pressure', LEAK_TEST_PRESSURE_MMHG]],
      },
    ],
    correction: { quantity: 'pressure', offsetOnly: false, unit: 'mmHg', ...CORRECTION_BOUNDS.pressure },
  };
}

/** The thermometer in a black body or a stirred bath at each reference temperature. */
export function temperaturePlan(): ProcedurePlan {
  const count = TEMPERATURE_POINTS_C.length;
  return {
    peripheral: 'temperature',
    steps: [
      { prompt: instruction('temperature.connectReference'), read: { kind: 'none' }, point: null, bench: [] },
      ...TEMPERATURE_POINTS_C.map((target, index): PlanStep => ({
        prompt: {
          kind: 'reference',
          code: 'temperature.point',
          quantity: 'temperature',
          unit: '°C',
          target,
          index,
          count,
          params: { target },
        },
        read: { kind: 'measure', quantity: 'temperature' },
        point: {
          step: `temperature.${target}`,
          quantity: 'temperature',
          unit: '°C',
          limit: TEMPERATURE_LIMIT_C,
          corrects: 'temperature',
        },
        bench: [['temperature', target]],
      })),
    ],
    correction: { quantity: 'temperature', offsetOnly: true, unit: '°C', ...CORRECTION_BOUNDS.temperature },
  };
}

/** The pulse oximeter on a functional tester: each setting's SpO2 and pulse, then no finger. Never adjusted. */
export function oxygenSaturationPlan(noFingerWaitMs = NO_FINGER_WAIT_MS): ProcedurePlan {
  const count = OXIMETER_POINTS.length;
  return {
    peripheral: 'oxygenSaturation',
    steps: [
      {
        prompt: instruction('oxygenSaturation.connectSimulator'),
        read: { kind: 'none' },
        point: null,
        bench: [],
      },
      ...OXIMETER_POINTS.flatMap(({ spo2, pulse }, index): PlanStep[] => [
        {
          prompt: {
            kind: 'reference',
            code: 'oxygenSaturation.spo2Point',
            quantity: 'spo2',
            unit: '%',
            target: spo2,
            index,
            count,
            params: { target: spo2, pulse },
          },
          read: { kind: 'measure', quantity: 'spo2' },
          point: { step: `spo2.${spo2}`, quantity: 'spo2', unit: '%', limit: SPO2_LIMIT_PERCENT },
          bench: [
            ['spo2', spo2],
            ['pulse', pulse],
          ],
        },
        {
          prompt: {
            kind: 'reference',
            code: 'oxygenSaturation.pulsePoint',
            quantity: 'pulse',
            unit: 'bpm',
            target: pulse,
            index,
            count,
            params: { target: pulse, spo2 },
          },
          read: { kind: 'measure', quantity: 'pulse' },
          point: { step: `pulse.${pulse}`, quantity: 'pulse', unit: 'bpm', limit: PULSE_LIMIT_BPM },
          bench: [
            ['spo2', spo2],
            ['pulse', pulse],
          ],
        },
      ]),
      {
        prompt: instruction('oxygenSaturation.noFinger', { seconds: noFingerWaitMs / 1000 }),
        read: { kind: 'noValue', quantity: 'spo2', waitMs: noFingerWaitMs },
        point: { step: 'noFinger', quantity: 'spo2', unit: '%', limit: 0, fixedReference: 0 },
        // A simulated finger of 0 % is the tester's probe off the finger: no value may come.
        bench: [['spo2', 0]],
      },
    ],
    correction: null,
  };
}

/**
 * The lowest load of the scale's linearity test, in intervals e. The cabin's scales are person scales: a
 * measurement waits for a load above about 2 kg (20 e) and never reports an empty platform, so the
 * zero is checked as the smallest load it weighs, 50 e (5 kg at e = 0.1 kg), within ±1 e in service.
 */
export const LOW_LOAD_INTERVALS = 50;

/**
 * The scale with test weights, OIML R76 class III in-service limits: the empty platform, loading 50 e,
 * 500 e, 2000 e and Max, unloading back to 50 e, eccentricity at 1/3 Max on four positions,
 * repeatability of three loads at half Max (their spread within the MPE of that load, R76-1 3.6.1).
 */
export function weightPlan(scale: ScaleMetrology): ProcedurePlan {
  const e = scale.intervalKg;
  const kg = (value: number): number => roundTo(value, 6);
  const loads = [
    ...new Set(
      [LOW_LOAD_INTERVALS * e, 500 * e, 2000 * e, scale.maxKg].map(kg).filter((load) => load <= scale.maxKg),
    ),
  ];
  const unloading = loads.slice(0, -1).reverse();
  const eccentricLoad = kg(Math.round(scale.maxKg / 3 / e) * e);
  const repeatLoad = kg(Math.round(scale.maxKg / 2 / e) * e);
  const limit = (load: number): number => scaleMpeKg(scale, load, true);
  const weighing = (
    code: PlanStep['prompt']['code'],
    step: string,
    target: number,
    index: number,
    count: number,
    params: Readonly<Record<string, number | string>> = {},
  ): PlanStep => ({
    prompt: {
      kind: 'reference',
      code,
      quantity: 'weight',
      unit: 'kg',
      target,
      index,
      count,
      params: { target, ...params },
    },
    read: { kind: 'measure', quantity: 'weight' },
    point: { step, quantity: 'weight', unit: 'kg', limit: limit(target), corrects: 'weight' },
    bench: [['weight', target]],
  });
  const linearity = [
    ...loads.map((load) => ({ load, way: 'up' })),
    ...unloading.map((load) => ({ load, way: 'down' })),
  ];
  return {
    peripheral: 'weight',
    steps: [
      // The platform emptied and left to settle at zero before the first load (no reading: see LOW_LOAD_INTERVALS).
      { prompt: instruction('weight.empty'), read: { kind: 'none' }, point: null, bench: [['weight', 0]] },
      ...linearity.map(({ load, way }, index) =>
        weighing('weight.load', `load.${roundTo(load / e, 0)}e.${way}`, load, index, linearity.length),
      ),
      ...[1, 2, 3, 4].map((position, index) =>
        weighing('weight.eccentricity', `eccentricity.${position}`, eccentricLoad, index, 4, { position }),
      ),
      ...[1, 2, 3].map((time, index) =>
        weighing('weight.repeatability', `repeatability.${time}`, repeatLoad, index, 3),
      ),
    ],
    correction: {
      quantity: 'weight',
      offsetOnly: false,
      unit: 'kg',
      maxOffset: kg(CORRECTION_BOUNDS.weight.maxOffsetIntervals * e),
      minGain: CORRECTION_BOUNDS.weight.minGain,
      maxGain: CORRECTION_BOUNDS.weight.maxGain,
    },
    derive: (points) => repeatabilitySpread(points, limit(repeatLoad)),
  };
}

// The spread of the repeated weighings, as one more point (reference 0, reading the spread).
function repeatabilitySpread(points: readonly CalibrationPoint[], limit: number): CalibrationPoint[] {
  const readings = points.filter((p) => p.step.startsWith('repeatability.')).map((p) => p.reading);
  if (readings.length < 2) return [];
  const spread = roundTo(Math.max(...readings) - Math.min(...readings), 4);
  return [
    {
      step: 'repeatability.spread',
      quantity: 'weight',
      unit: 'kg',
      reference: 0,
      reading: spread,
      error: spread,
      limit,
      pass: withinLimit(spread, limit),
    },
  ];
}

/** The plan of a device kind; a scale needs its model's metrology (`scale.metrologyMissing` without). */
export function planFor(kind: MeasurementKind, scale: ScaleMetrology | undefined): Result<ProcedurePlan> {
  switch (kind) {
    case 'bloodPressure':
      return ok(bloodPressurePlan());
    case 'temperature':
      return ok(temperaturePlan());
    case 'oxygenSaturation':
      return ok(oxygenSaturationPlan());
    case 'weight':
      return scale === undefined
        ? err({ code: 'scale.metrologyMissing', detail: 'the model has no scale metrology in the catalog' })
        : ok(weightPlan(scale));
  }
}
