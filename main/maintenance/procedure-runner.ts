// Runs a verification or calibration procedure on an attached device: shows each prompt, sets a
// simulated bench to the prompt's target, reads the device as the step says (the manometer stream for
// the tensiometer, one measurement for the others, on the device's own link), and feeds the pure step
// engine of devices/calibration; the finished record goes into the register. The screens and the
// command line both use it.
import {
  after,
  err,
  ok,
  type CabinError,
  type Cancel,
  type Clock,
  type Correction,
  type MaintenanceRecord,
  type MeasurementKind,
  type ProcedurePrompt,
  type ReferenceInstrument,
  type Result,
} from '../../contract';
import { planFor } from '../../devices/calibration/plans';
import {
  startProcedure,
  type PlanStep,
  type ProcedurePlan,
  type ProcedureRun,
} from '../../devices/calibration/procedure';
import type { ScaleMetrology } from '../../devices/device-model';
import type { ManometerMode, MeasuringDevice } from '../../devices/measuring-device';
import type { SimulatedBench } from '../peripherals';
import type { MaintenanceRegister } from '../store';
import { measureOnce } from './device-reading';

/** The device a procedure runs on, as the runner needs it. */
export interface ProcedureTarget {
  readonly kind: MeasurementKind;
  readonly modelId: string;
  readonly serialNumber: string;
  /** The raw device (never the session's corrected one): its readings are as found. */
  readonly device: MeasuringDevice & { readonly manometer?: ManometerMode };
  /** The scale's metrology from the catalog (scales only). */
  readonly scale?: ScaleMetrology;
  /** Simulated hardware: the bench the runner sets to each prompt's target; null on real hardware. */
  readonly bench: SimulatedBench | null;
}

/** Who runs the procedure, against what, and whether it may adjust the device. */
export interface ProcedureRequest {
  readonly technician: string;
  readonly reference: ReferenceInstrument | null;
  readonly adjust: boolean;
}

/** What the runner works with: the clock of its waits, the register, the record's id, how long a reading may take. */
export interface RunnerPorts {
  readonly clock: Clock;
  readonly register: Pick<MaintenanceRegister, 'add' | 'lastCheck'>;
  readonly newId: () => string;
  /** How long one measurement may take before the procedure stops with `device.timeout`. */
  readonly readDeadlineMs?: number;
  /** Shortens the leak test (tests and demonstrations); the default is the plan's. */
  readonly plan?: (kind: MeasurementKind, scale: ScaleMetrology | undefined) => Result<ProcedurePlan>;
}

/** A running procedure: the prompt now, the answer to it, and the cancel. */
export interface ProcedureSession {
  /** The prompt now (a finished or stopped prompt ends the procedure). */
  readonly prompt: ProcedurePrompt;
  /** Answers the prompt (null for an instruction); `procedure.valueExpected` when a reference prompt gets none. */
  answer(value: number | null): Promise<Result<ProcedurePrompt>>;
  /** Stops the procedure (nothing is recorded); the device leaves manometer mode. */
  cancel(): void;
}

const DEFAULT_READ_DEADLINE_MS = 60_000;

// The cuff pressure reported by the manometer mode, and how its stream ended.
interface Manometer {
  latest: number | null;
  ended: CabinError | null;
  readonly waiters: Set<() => void>;
  stop: Cancel;
}

/** Starts a procedure on the target; `procedure.unavailable` when the device cannot run it (no manometer mode, no metrology). */
export function runProcedure(
  target: ProcedureTarget,
  request: ProcedureRequest,
  ports: RunnerPorts,
): Result<ProcedureSession> {
  const plan = (ports.plan ?? planFor)(target.kind, target.scale);
  if (!plan.ok) return err({ code: 'procedure.unavailable', detail: plan.error.code });
  const last = ports.register.lastCheck(target.modelId, target.serialNumber);
  if (!last.ok) return last;
  const corrections: readonly Correction[] = last.value?.corrections ?? [];
  let manometer: Manometer | null = null;
  if (target.kind === 'bloodPressure') {
    if (target.device.manometer === undefined) {
      return err({ code: 'procedure.unavailable', detail: 'the tensiometer has no manometer mode' });
    }
    manometer = startManometer(target.device.manometer);
  }
  let run: ProcedureRun = startProcedure(plan.value, {
    id: ports.newId(),
    modelId: target.modelId,
    serialNumber: target.serialNumber,
    technician: request.technician,
    reference: request.reference,
    adjust: request.adjust,
    corrections,
  });
  let ended: ProcedurePrompt | null = null;
  let busy = false;
  const stop = (prompt: ProcedurePrompt): ProcedurePrompt => {
    ended = prompt;
    manometer?.stop();
    for (const wake of manometer?.waiters ?? []) wake();
    return prompt;
  };
  const readDeadlineMs = ports.readDeadlineMs ?? DEFAULT_READ_DEADLINE_MS;
  applyBench(target.bench, run.step);

  const session: ProcedureSession = {
    get prompt() {
      return ended ?? run.prompt;
    },
    async answer(value) {
      if (ended !== null) return ok(ended);
      if (busy) return err({ code: 'procedure.busy', detail: 'the last answer is still being read' });
      const step = run.step;
      if (step === null) return ok(run.prompt);
      if (step.prompt.kind === 'reference' && (value === null || !Number.isFinite(value))) {
        return err({ code: 'procedure.valueExpected' });
      }
      busy = true;
      try {
        const reading = await read(step, target.device, manometer, ports.clock, readDeadlineMs);
        if (ended !== null) return ok(ended);
        if (!reading.ok) return ok(stop({ kind: 'stopped', code: reading.error.code }));
        run = run.answer(
          { reference: step.prompt.kind === 'reference' ? value : null, reading: reading.value },
          ports.clock.now(),
        );
        if (run.prompt.kind === 'finished') {
          const stored = ports.register.add(run.prompt.record);
          return ok(stop(stored.ok ? run.prompt : { kind: 'stopped', code: stored.error.code }));
        }
        applyBench(target.bench, run.step);
        return ok(run.prompt);
      } finally {
        busy = false;
      }
    },
    cancel() {
      if (ended === null) stop({ kind: 'stopped', code: 'procedure.cancelled' });
    },
  };
  return ok(session);
}

/** The record a finished prompt carries, or null. */
export function finishedRecord(prompt: ProcedurePrompt): MaintenanceRecord | null {
  return prompt.kind === 'finished' ? prompt.record : null;
}

function applyBench(bench: SimulatedBench | null, step: PlanStep | null): void {
  if (bench === null || step === null) return;
  for (const [quantity, value] of step.bench) bench.apply(quantity, value);
}

function startManometer(mode: ManometerMode): Manometer {
  const manometer: Manometer = { latest: null, ended: null, waiters: new Set(), stop: () => undefined };
  const wakeAll = (): void => {
    for (const wake of [...manometer.waiters]) wake();
  };
  manometer.stop = mode.startManometer(
    (mmHg) => {
      manometer.latest = mmHg;
      wakeAll();
    },
    (error) => {
      manometer.ended = error;
      wakeAll();
    },
  );
  return manometer;
}

// The cuff pressure now: the next one the module reports, within the deadline. Not the last one seen: the
// technician types the reference once the pressure has settled, and the module's reading must be of the
// same moment, not of a frame streamed before the cuff was pumped.
function pressureNow(manometer: Manometer, clock: Clock, ms: number): Promise<Result<number>> {
  if (manometer.ended !== null) return Promise.resolve(err(manometer.ended));
  return new Promise((resolve) => {
    const wake = (): void => {
      manometer.waiters.delete(wake);
      cancelTimer();
      if (manometer.ended !== null) resolve(err(manometer.ended));
      else if (manometer.latest !== null) resolve(ok(manometer.latest));
      else resolve(err({ code: 'procedure.cancelled' }));
    };
    const cancelTimer = after(clock, ms, () => {
      manometer.waiters.delete(wake);
      resolve(err({ code: 'device.timeout', detail: 'no cuff pressure reported' }));
    });
    manometer.waiters.add(wake);
  });
}

const sleep = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => {
    after(clock, ms, resolve);
  });

// Reads what the step asks; an error stops the procedure with its code.
async function read(
  step: PlanStep,
  device: MeasuringDevice,
  manometer: Manometer | null,
  clock: Clock,
  deadlineMs: number,
): Promise<Result<number | null>> {
  const spec = step.read;
  switch (spec.kind) {
    case 'none':
      return ok(null);
    case 'pressure':
      if (manometer === null) throw new Error('a pressure step needs the manometer mode');
      return pressureNow(manometer, clock, deadlineMs);
    case 'leak': {
      if (manometer === null) throw new Error('the leak test needs the manometer mode');
      const start = await pressureNow(manometer, clock, deadlineMs);
      if (!start.ok) return start;
      await sleep(clock, spec.seconds * 1000);
      const end = await pressureNow(manometer, clock, deadlineMs);
      if (!end.ok) return end;
      // The drop over the wait, per minute; a rise (the cuff warming) reads as a negative leak.
      return ok(((start.value - end.value) * 60) / spec.seconds);
    }
    case 'measure': {
      const fact = await measureOnce(device, clock, deadlineMs);
      if (fact === undefined) return err({ code: 'device.timeout' });
      if (fact.type === 'measurement.failed') return err(fact.error);
      const quantity = fact.measurement.quantities.find((q) => q.name === spec.quantity);
      return quantity === undefined
        ? err({ code: 'procedure.quantityMissing', detail: spec.quantity })
        : ok(quantity.value);
    }
    case 'noValue': {
      const fact = await measureOnce(device, clock, spec.waitMs);
      if (fact === undefined) return ok(null);
      if (fact.type === 'measurement.failed') {
        // Refusing to give a value is what is asked; a device that went silent or lost its link is not checked.
        const lost = fact.error.code === 'device.timeout' || fact.error.code.startsWith('link.');
        return lost ? err(fact.error) : ok(null);
      }
      return ok(fact.measurement.quantities.find((q) => q.name === spec.quantity)?.value ?? null);
    }
  }
}
