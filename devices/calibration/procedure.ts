// The step engine of a verification or calibration procedure: pure, prompt → answer → next prompt. A
// runner shows each prompt, reads the device as the step says (`read`), and gives the engine the
// reference and the raw reading; the last answer gives the register's record.
import type {
  CalibrationPoint,
  CalibrationQuantity,
  Correction,
  MaintenanceRecord,
  MeasurementKind,
  ProcedurePrompt,
  Quantity,
  ReferenceInstrument,
} from '../../contract';
import { correctReading, fitCorrection } from './correction';
import { roundTo, withinLimit } from './limits';

/** What the runner reads from the device once a step is answered. */
export type StepRead =
  /** Nothing (an instruction such as "connect the reference"). */
  | { readonly kind: 'none' }
  /** One measurement (`device.measure()`), of which this quantity. */
  | { readonly kind: 'measure'; readonly quantity: Quantity['name'] }
  /** The cuff pressure now, from the manometer mode's stream. */
  | { readonly kind: 'pressure' }
  /** The pressure drop over `seconds` on the clock, valve closed, as mmHg/min. */
  | { readonly kind: 'leak'; readonly seconds: number }
  /** One measurement that must give no value within `waitMs` (no finger): null when it gave none. */
  | { readonly kind: 'noValue'; readonly quantity: Quantity['name']; readonly waitMs: number };

/** How a step's answer becomes a point of the record. */
export interface StepPoint {
  readonly step: string;
  readonly quantity: CalibrationQuantity;
  readonly unit: CalibrationPoint['unit'];
  readonly limit: number;
  /** The reference when the technician types none (an empty platform is 0 kg). */
  readonly fixedReference?: number;
  /** The quantity a correction of this point's readings would name; absent when none applies (leak, no finger). */
  readonly corrects?: Correction['quantity'];
}

/** One step of a plan: its prompt, what the runner reads, the point it makes, what a simulated bench applies. */
export interface PlanStep {
  readonly prompt: Extract<ProcedurePrompt, { kind: 'instruction' | 'reference' }>;
  readonly read: StepRead;
  readonly point: StepPoint | null;
  /** What the reference applies on a simulated bench before the reading (the prompt's target, the simulator's settings). */
  readonly bench: readonly (readonly [CalibrationQuantity, number])[];
}

/** What a correction may be for one procedure, and the bounds beyond which it is refused. */
export interface CorrectionRule {
  readonly quantity: Correction['quantity'];
  readonly offsetOnly: boolean;
  readonly maxOffset: number;
  readonly minGain: number;
  readonly maxGain: number;
  /** The unit the note says the offset in. */
  readonly unit: string;
}

/** A procedure for one kind of device: its steps and, when it may be adjusted on site, its correction rule. */
export interface ProcedurePlan {
  readonly peripheral: MeasurementKind;
  readonly steps: readonly PlanStep[];
  readonly correction: CorrectionRule | null;
  /** Points computed from others once all are taken (the scale's repeatability spread). */
  readonly derive?: (points: readonly CalibrationPoint[]) => readonly CalibrationPoint[];
}

/** Who and what a procedure runs for; `corrections` are those in force before it (the device's last record). */
export interface ProcedureContext {
  readonly id: string;
  readonly modelId: string;
  readonly serialNumber: string;
  readonly technician: string;
  readonly reference: ReferenceInstrument | null;
  /** True: a calibration that may compute and apply corrections; false: a verification. */
  readonly adjust: boolean;
  readonly corrections: readonly Correction[];
}

/** The answer to one step: the reference typed (null for an instruction) and the device's raw reading (null: none). */
export interface StepAnswer {
  readonly reference: number | null;
  readonly reading: number | null;
}

/** A procedure in progress: the prompt now, the step the runner reads for it, and the next state on an answer. */
export interface ProcedureRun {
  readonly prompt: ProcedurePrompt;
  /** The step the prompt belongs to; null once finished. */
  readonly step: PlanStep | null;
  /** The next state; `at` (epoch ms) dates the record when this answer ends the procedure. */
  answer(answer: StepAnswer, at: number): ProcedureRun;
}

interface Taken {
  readonly point: StepPoint;
  readonly reference: number;
  /** The raw reading, or null when the device gave no value. */
  readonly raw: number | null;
}

const YEAR_MS = 365 * 86_400_000;

/** Starts a procedure on its first prompt. */
export function startProcedure(plan: ProcedurePlan, context: ProcedureContext): ProcedureRun {
  return runAt(plan, context, 0, []);
}

function runAt(
  plan: ProcedurePlan,
  context: ProcedureContext,
  index: number,
  taken: readonly Taken[],
): ProcedureRun {
  const step = plan.steps[index];
  if (step === undefined) throw new Error('a procedure past its last step has finished');
  // Each prompt carries the points taken so far, as found, for the technician's table.
  return {
    prompt: { ...step.prompt, points: taken.map((t) => asFound(t, context.corrections)) },
    step,
    answer(answer, at) {
      const next = step.point === null ? taken : [...taken, takePoint(step, answer)];
      return index + 1 < plan.steps.length
        ? runAt(plan, context, index + 1, next)
        : finished(finish(plan, context, next, at));
    },
  };
}

function takePoint(step: PlanStep, answer: StepAnswer): Taken {
  const point = step.point;
  if (point === null) throw new Error('a step without a point takes none');
  const reference = point.fixedReference ?? answer.reference;
  if (reference === null || !Number.isFinite(reference)) {
    throw new Error(`step ${point.step} needs the reference's reading`);
  }
  return { point, reference, raw: answer.reading };
}

function finished(record: MaintenanceRecord): ProcedureRun {
  return {
    prompt: { kind: 'finished', record },
    step: null,
    answer() {
      throw new Error('the procedure has finished');
    },
  };
}

/** A point as found: the raw reading with the corrections in force, its error and whether it is within its limit. */
function asFound(taken: Taken, corrections: readonly Correction[]): CalibrationPoint {
  const { point, reference, raw } = taken;
  // The no-finger step has reference 0 and passes only when the device gave no value (recorded as 0);
  // a value it gave is recorded as the reading, its error the value itself.
  const reading = raw === null ? 0 : point.corrects ? correctReading(point.corrects, raw, corrections) : raw;
  const error = raw === null ? 0 : reading - reference;
  const pass =
    point.step === 'noFinger' ? raw === null : raw !== null && withinLimit(roundTo(error, 6), point.limit);
  return {
    step: point.step,
    quantity: point.quantity,
    unit: point.unit,
    reference,
    reading: roundTo(reading, 4),
    error: roundTo(error, 4),
    limit: point.limit,
    pass,
  };
}

function finish(
  plan: ProcedurePlan,
  context: ProcedureContext,
  taken: readonly Taken[],
  at: number,
): MaintenanceRecord {
  const found = taken.map((t) => asFound(t, context.corrections));
  const points = [...found, ...(plan.derive?.(found) ?? [])];
  const asFoundPass = points.every((p) => p.pass);
  const adjusted =
    context.adjust && plan.correction !== null ? adjust(plan, plan.correction, taken, context) : null;
  const verdict = adjusted === null ? (asFoundPass ? 'pass' : 'fail') : adjusted.verdict;
  return {
    id: context.id,
    kind: context.adjust ? 'calibration' : 'verification',
    peripheral: plan.peripheral,
    modelId: context.modelId,
    serialNumber: context.serialNumber,
    technician: context.technician,
    reference: context.reference,
    points,
    corrections: adjusted?.corrections ?? context.corrections,
    verdict,
    at,
    nextDueAt: verdict === 'pass' ? at + YEAR_MS : null,
    note: adjusted?.note ?? (context.adjust ? 'no correction allowed on site for this device' : null),
  };
}

/**
 * A calibration: fits a correction on the raw readings of the correctable points, refuses it beyond the
 * plan's bounds, and judges every point again with it (the others as found).
 */
function adjust(
  plan: ProcedurePlan,
  rule: CorrectionRule,
  taken: readonly Taken[],
  context: ProcedureContext,
): { verdict: 'pass' | 'fail'; corrections: readonly Correction[]; note: string } {
  const pairs = taken.flatMap((t) =>
    t.point.corrects === rule.quantity && t.raw !== null ? [{ raw: t.raw, reference: t.reference }] : [],
  );
  const fit = fitCorrection(rule.quantity, pairs, rule.offsetOnly);
  if (fit === null)
    return { verdict: 'fail', corrections: context.corrections, note: 'correction: too few points to fit' };
  const refused =
    Math.abs(fit.offset) > rule.maxOffset + 1e-9 ||
    fit.gain < rule.minGain - 1e-9 ||
    fit.gain > rule.maxGain + 1e-9;
  const said = `gain ${fit.gain}, offset ${fit.offset} ${rule.unit}`;
  if (refused) {
    return {
      verdict: 'fail',
      corrections: context.corrections,
      note: `correction refused (${said}): beyond the bounds gain ${rule.minGain}–${rule.maxGain}, offset ±${rule.maxOffset} ${rule.unit}; the device needs a repair`,
    };
  }
  const corrections = [...context.corrections.filter((c) => c.quantity !== rule.quantity), fit];
  const judged = taken.map((t) => asFound(t, corrections));
  const points = [...judged, ...(plan.derive?.(judged) ?? [])];
  const worst = Math.max(
    0,
    ...judged.filter((p) => p.quantity === rule.quantity).map((p) => Math.abs(p.error)),
  );
  return {
    verdict: points.every((p) => p.pass) ? 'pass' : 'fail',
    corrections,
    note: `points as found; corrected by ${said}; verdict judged on the corrected readings (largest corrected error ${roundTo(worst, 4)} ${rule.unit})`,
  };
}
