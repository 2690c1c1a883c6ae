// Domain-level doubles of devices on a reference bench, and of the peripherals' inspection of them, for
// the maintenance tests: what the bench applies, the device reads with its own error.
import type {
  CabinError,
  CalibrationQuantity,
  Cancel,
  Clock,
  DeviceIdentity,
  MeasurementFact,
  MeasurementKind,
  Quantity,
  Result,
  TrafficEntry,
} from '../../../contract';
import { after } from '../../../contract';
import type { LinkedMeasuringDevice, ManometerMode } from '../../../devices/measuring-device';
import type { AttachedDevice, DeviceInspection, SimulatedBench } from '../../peripherals';

const UNITS: Record<Quantity['name'], Quantity['unit']> = {
  systolic: 'mmHg',
  diastolic: 'mmHg',
  meanArterial: 'mmHg',
  pulse: 'bpm',
  temperature: '°C',
  spo2: '%',
  weight: 'kg',
};

const QUANTITIES: Record<MeasurementKind, readonly Quantity['name'][]> = {
  bloodPressure: ['systolic', 'diastolic', 'pulse'],
  temperature: ['temperature'],
  oxygenSaturation: ['spo2', 'pulse'],
  weight: ['weight'],
};

/** A device on a bench: it reads `reads(quantity, applied)` of what the bench applied, after `readMs`. */
export class BenchDevice implements LinkedMeasuringDevice, SimulatedBench {
  /** What the bench applies now, by quantity (a patient's values outside a procedure). */
  readonly applied = new Map<CalibrationQuantity, number>([
    ['pressure', 0],
    ['systolic', 120],
    ['diastolic', 80],
    ['pulse', 70],
    ['temperature', 36.8],
    ['spo2', 98],
    ['weight', 72.4],
  ]);
  /** How the device reads a value applied (its own error); exact by default. */
  reads: (quantity: CalibrationQuantity, value: number) => number = (_q, value) => value;
  /** The cuff's leak with the valve closed, mmHg per minute. */
  leakMmHgPerMin = 0;
  /** A fault every measurement reports, or null. */
  failure: CabinError | null = null;
  readonly manometer?: ManometerMode;
  measurements = 0;

  constructor(
    readonly kind: MeasurementKind,
    private readonly clock: Clock,
    private readonly readMs = 1_000,
    private readonly identity: DeviceIdentity = {
      model: 'bench',
      serialNumber: `SN-${kind}`,
      firmware: '1.0',
      source: 'simulator',
    },
  ) {
    if (kind === 'bloodPressure') this.manometer = { startManometer: (p, e) => this.#startManometer(p, e) };
  }

  apply(quantity: CalibrationQuantity, value: number): void {
    this.applied.set(quantity, value);
  }

  check(): Promise<'ok'> {
    return Promise.resolve('ok');
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    this.measurements += 1;
    return after(this.clock, this.readMs, () => {
      if (this.failure !== null) return report({ type: 'measurement.failed', error: this.failure });
      // A finger of 0 % is no finger: the oximeter refuses to give a value.
      if (this.kind === 'oxygenSaturation' && this.applied.get('spo2') === 0) {
        return report({ type: 'measurement.failed', error: { code: 'measurement.noFinger' } });
      }
      const quantities = QUANTITIES[this.kind].map((name) => ({
        name,
        value: this.reads(name, this.applied.get(name) ?? 0),
        unit: UNITS[name],
      }));
      report({
        type: 'measurement.taken',
        measurement: { kind: this.kind, quantities, takenAt: this.clock.now() },
      });
    });
  }

  monitor(): Cancel {
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  identify(): Promise<Result<DeviceIdentity>> {
    return Promise.resolve({ ok: true, value: this.identity });
  }

  // Reports the cuff pressure every second: what the bench applied, leaking from the moment it was set.
  #startManometer(onPressure: (mmHg: number) => void, _onEnd: (error: CabinError) => void): Cancel {
    let stopped = false;
    let setAt = this.clock.now();
    let setTo = this.applied.get('pressure') ?? 0;
    const tick = (): void => {
      if (stopped) return;
      const now = this.clock.now();
      const applied = this.applied.get('pressure') ?? 0;
      if (applied !== setTo) {
        setTo = applied;
        setAt = now;
      }
      const leaked = (this.leakMmHgPerMin * (now - setAt)) / 60_000;
      onPressure(this.reads('pressure', Math.max(0, setTo - leaked)));
      after(this.clock, 1_000, tick);
    };
    tick();
    return () => {
      stopped = true;
    };
  }
}

/** An inspection of bench devices, one a kind (absent kinds: none attached). */
export class BenchInspection implements DeviceInspection {
  constructor(
    readonly devices: Partial<Record<MeasurementKind, BenchDevice>>,
    private readonly serials: Partial<Record<MeasurementKind, string>> = {},
  ) {}

  attached(kind: MeasurementKind): AttachedDevice | null {
    const device = this.devices[kind];
    if (device === undefined) return null;
    return {
      kind,
      modelId: MODEL_OF[kind],
      port: `/dev/bench-${kind}`,
      identity: {
        model: 'bench',
        serialNumber: this.serials[kind] ?? `SN-${kind}`,
        firmware: '1.0',
        source: 'simulator',
      },
      device,
    };
  }

  traffic(_kind: MeasurementKind, sinceMs: number): readonly TrafficEntry[] {
    return [{ atMs: sinceMs, direction: 'toDevice', hex: '53490d0a' }];
  }

  lastFrames(): readonly { atMs: number; text: string }[] {
    return [{ atMs: 0, text: '{"type":"weight","kg":72.4}' }];
  }

  bench(kind: MeasurementKind): SimulatedBench | null {
    return this.devices[kind] ?? null;
  }

  /** Counts the wipes that asked the devices to forget their traffic and frames. */
  forgotten = 0;

  forget(): void {
    this.forgotten += 1;
  }
}

/** The catalog model each kind's bench device stands for. */
export const MODEL_OF: Record<MeasurementKind, string> = {
  bloodPressure: 'nibp-ascii',
  temperature: 'ble-thermometer-gateway',
  oxygenSaturation: 'nonin-df2',
  weight: 'mt-sics',
};
