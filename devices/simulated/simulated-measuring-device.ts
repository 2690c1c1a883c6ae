// Domain-level measuring devices for the scenario tests and a cabin set to `byteLevelDevices: false`:
// plausible values after a few progress steps, or the fault the simulation script names. `npm start`
// runs the real codecs on byte-level simulators instead (byte-level-devices.ts).
import type {
  Cancel,
  Clock,
  Measurement,
  MeasurementFact,
  MeasurementKind,
  MeasurementProgress,
  Quantity,
} from '../../contract';
import type { MeasuringDevice } from '../measuring-device';
import type { PeripheralState } from '../peripheral';
import type { SimulationScript } from './simulation-script';
import { runSequence } from './step-sequence';

const NORMAL_VALUES: { readonly [K in MeasurementKind]: readonly Quantity[] } = {
  bloodPressure: [
    { name: 'systolic', value: 128, unit: 'mmHg' },
    { name: 'diastolic', value: 82, unit: 'mmHg' },
    { name: 'meanArterial', value: 97, unit: 'mmHg' },
    { name: 'pulse', value: 72, unit: 'bpm' },
  ],
  temperature: [{ name: 'temperature', value: 36.9, unit: '°C' }],
  oxygenSaturation: [
    { name: 'spo2', value: 97, unit: '%' },
    { name: 'pulse', value: 71, unit: 'bpm' },
  ],
  weight: [{ name: 'weight', value: 68.4, unit: 'kg' }],
};

const PROGRESS: { readonly [K in MeasurementKind]: readonly MeasurementProgress[] } = {
  // As the NIBP module reports it: the pressure up to its peak, then down while the cuff deflates.
  bloodPressure: [
    { stage: 'inflating', cuffPressureMmHg: 80 },
    { stage: 'inflating', cuffPressureMmHg: 160 },
    { stage: 'deflating', cuffPressureMmHg: 120 },
    { stage: 'deflating', cuffPressureMmHg: 70 },
  ],
  temperature: [{ stage: 'keepStill' }],
  oxygenSaturation: [{ stage: 'fingerDetected' }, { stage: 'keepStill' }],
  weight: [{ stage: 'stepOnScale' }, { stage: 'keepStill' }],
};

/** A measuring device of one kind that behaves as the simulation script says, a step at a time on `clock`. */
export class SimulatedMeasuringDevice implements MeasuringDevice {
  constructor(
    readonly kind: MeasurementKind,
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {}

  check(): Promise<PeripheralState> {
    return Promise.resolve(this.script.absentDevices.includes(this.kind) ? 'absent' : 'ok');
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    const { stepMs } = this.script;
    const outcome = this.script.measurements[this.kind];
    const progress = PROGRESS[this.kind].map((p): [number, () => void] => [
      stepMs,
      () => report({ type: 'measurement.progressed', progress: p }),
    ]);
    const finish = (): void => {
      switch (outcome) {
        case 'normal':
          return report({
            type: 'measurement.taken',
            measurement: this.measurement(NORMAL_VALUES[this.kind]),
          });
        case 'implausible':
          // A cuff left on the table reads nonsense: far out of range on purpose.
          return report({
            type: 'measurement.taken',
            measurement: this.measurement(
              NORMAL_VALUES[this.kind].map((q) => ({ ...q, value: q.value * 4 })),
            ),
          });
        case 'unplugged':
          return report({ type: 'measurement.failed', error: { code: 'device.unplugged' } });
        case 'timeout':
          return report({ type: 'measurement.failed', error: { code: 'device.timeout' } });
      }
    };
    return runSequence(this.clock, [...progress, [stepMs, finish]]);
  }

  private measurement(quantities: readonly Quantity[]): Measurement {
    return { kind: this.kind, quantities, takenAt: this.clock.now() };
  }
}
