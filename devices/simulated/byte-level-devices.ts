// The simulated devices of `npm start`: each real device class (the real codec) on an in-memory link,
// with the model's byte-level simulator on the other end. The simulation script steers each
// simulator before a measurement (normal values, out-of-range values, unplug, silence), and a device
// whose link was unplugged is plugged back, freshly, at its next measurement. For the technician, each
// keeps its link's traffic, its last decoded frames, its identity (asked once when plugged in, the
// simulator's own filling what the protocol cannot tell) and a reference bench that a procedure sets.
import {
  after,
  type CalibrationQuantity,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type MeasurementKind,
  type TrafficEntry,
} from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { tapLink, type TrafficRecord } from '../../drivers/traffic-tap';
import { BleThermometerGatewaySimulator } from '../ble-thermometer-gateway';
import { bleThermometerGatewayModel, mtSicsModel, nibpAsciiModel, noninDf2Model } from '../catalog';
import type { SerialDeviceModel } from '../device-model';
import { FrameLog, mergeIdentity, type LoggedFrame } from '../device-identity';
import type { LinkedMeasuringDevice, MeasuringDevice } from '../measuring-device';
import { MtSicsSimulator } from '../mt-sics';
import { NibpAsciiSimulator } from '../nibp-ascii';
import { NoninDf2Simulator } from '../nonin-df2';
import type { PeripheralState } from '../peripheral';
import type { SimulatedError } from '../scripted-simulator';
import type { SimulatedMeasurementOutcome, SimulationScript } from './simulation-script';

/** How long the identity asked at plug-in may take before the simulator's own stands alone. */
export const SIMULATED_IDENTIFY_MS = 3000;

/** What the simulated cabin needs of a model's simulator: a patient, a fault, an error, and off. */
interface ScriptableSimulator<Scenario> {
  setScenario(scenario: Partial<Scenario>): void;
  misbehave(fault: 'none' | 'unplug' | 'silence'): void;
  setDeviceError(quantity: CalibrationQuantity, error: SimulatedError): void;
  stop(): void;
}

/** The technician's reference bench on a simulated device: what the reference instrument applies. */
export interface SimulatedDeviceBench {
  /** Applies `value` of `quantity` (pressure and leakRate in mmHg and mmHg/min, °C, kg, %, bpm). */
  apply(quantity: CalibrationQuantity, value: number): void;
  /** The oximeter's functional tester in its "no finger" state, until the next `apply`. */
  noFinger(): void;
}

/** A simulator steered by the script: `prepare` plays the script's outcome at the next measurement. */
interface SteeredSimulator {
  prepare(outcome: SimulatedMeasurementOutcome): void;
  /** Sets the bench's reference on `quantity`; false when this simulator has no such reference. */
  apply(quantity: CalibrationQuantity, value: number): boolean;
  setDeviceError(quantity: CalibrationQuantity, error: SimulatedError): void;
  /** The functional tester's "no finger" state; false when this simulator has none. */
  noFinger(): boolean;
  stop(): void;
}

/** Steers a model's simulator with the patient's normal and implausible values, and its bench. */
function steered<Scenario, S extends ScriptableSimulator<Scenario>>(
  simulator: S,
  normal: Partial<Scenario>,
  implausible: Partial<Scenario>,
  bench: (simulator: S, quantity: CalibrationQuantity, value: number) => boolean,
  noFinger?: (simulator: S) => void,
): SteeredSimulator {
  return {
    prepare: (outcome) => {
      simulator.setScenario(outcome === 'implausible' ? implausible : normal);
      simulator.misbehave(outcome === 'unplugged' ? 'unplug' : outcome === 'timeout' ? 'silence' : 'none');
    },
    apply: (quantity, value) => bench(simulator, quantity, value),
    setDeviceError: (quantity, error) => simulator.setDeviceError(quantity, error),
    noFinger: () => {
      noFinger?.(simulator);
      return noFinger !== undefined;
    },
    stop: () => simulator.stop(),
  };
}

/** One simulated model: its catalog entry, its simulator, what it says of itself, and its bench's error. */
interface SimulatedModel {
  readonly model: SerialDeviceModel;
  readonly simulate: (link: ByteLink, clock: Clock) => SteeredSimulator;
  /** The simulator's own identity (as a USB descriptor would be), completing what the protocol tells. */
  readonly identity: DeviceIdentity;
  /**
   * The device's own error once a technician's bench is set on it, small and within the procedures'
   * limits (±3 mmHg, ±0.3 °C, ±3 % and ±3 bpm, the scale's e).
   */
  readonly benchError: readonly (readonly [CalibrationQuantity, SimulatedError])[];
}

const simulatorIdentity = (model: string, serialNumber: string): DeviceIdentity => ({
  model,
  serialNumber,
  firmware: '1.0',
  source: 'simulator',
});

// One model per kind. The implausible values are what a cuff left on the table, a thermometer in hot
// tea, a swinging clip or a loaded scale read: beyond the plausible ranges on purpose.
const SIMULATED_MODELS: { readonly [K in MeasurementKind]: SimulatedModel } = {
  bloodPressure: {
    model: nibpAsciiModel,
    simulate: (link, clock) =>
      steered(
        new NibpAsciiSimulator(link, clock),
        { systolic: 128, diastolic: 82 },
        { systolic: 290, diastolic: 250 },
        (simulator, quantity, value) => {
          if (quantity === 'pressure') simulator.applyPressure(value);
          else if (quantity === 'leakRate') simulator.setLeakRate(value);
          else return false;
          return true;
        },
      ),
    identity: simulatorIdentity('NIBP-SIM', 'SIM-BP-0001'),
    benchError: [['pressure', { offset: 1, gain: 1 }]],
  },
  temperature: {
    model: bleThermometerGatewayModel,
    simulate: (link, clock) =>
      steered(
        new BleThermometerGatewaySimulator(link, clock, {
          model: 'THERMO-SIM',
          serialNumber: 'SIM-TH-0001',
          firmware: '1.0',
        }),
        { celsius: 36.9 },
        { celsius: 46.5 },
        (simulator, quantity, value) => quantity === 'temperature' && (simulator.applyBlackBody(value), true),
      ),
    identity: simulatorIdentity('THERMO-SIM', 'SIM-TH-0001'),
    benchError: [['temperature', { offset: 0.1, gain: 1 }]],
  },
  oxygenSaturation: {
    model: noninDf2Model,
    simulate: (link, clock) =>
      steered(
        new NoninDf2Simulator(link, clock),
        { heartRate: 71, spo2: 97 },
        { heartRate: 300, spo2: 97 },
        (simulator, quantity, value) => {
          if (quantity === 'spo2') simulator.applyTester({ spo2: value });
          else if (quantity === 'pulse') simulator.applyTester({ heartRate: value });
          else return false;
          return true;
        },
        (simulator) => simulator.applyTester({ noFinger: true }),
      ),
    identity: simulatorIdentity('OXIMETER-SIM', 'SIM-OX-0001'),
    benchError: [
      ['spo2', { offset: 1, gain: 1 }],
      ['pulse', { offset: 1, gain: 1 }],
    ],
  },
  weight: {
    model: mtSicsModel,
    simulate: (link) =>
      steered(
        new MtSicsSimulator(link, {
          type: 'SCALE-SIM 300 kg',
          software: '1.0',
          serialNumber: 'SIM-WT-0001',
        }),
        { weightKg: 68.4, emptyPolls: 2, movingPolls: 2 },
        { weightKg: 420, emptyPolls: 2, movingPolls: 2 },
        (simulator, quantity, value) => quantity === 'weight' && (simulator.applyLoad(value), true),
      ),
    identity: simulatorIdentity('SCALE-SIM', 'SIM-WT-0001'),
    benchError: [['weight', { offset: 0.1, gain: 1 }]],
  },
};

/** What the device plugged in now carries for the technician. */
interface Plugged {
  readonly device: LinkedMeasuringDevice;
  readonly simulator: SteeredSimulator;
  readonly traffic: TrafficRecord;
  readonly frames: FrameLog;
}

/** A real device class on an in-memory link to its model's simulator, steered by the simulation script. */
export class ByteLevelSimulatedDevice implements MeasuringDevice {
  private plugged: Plugged;
  private unplugged = false;
  private benchSet = false;
  #identity: DeviceIdentity | null;

  constructor(
    readonly kind: MeasurementKind,
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {
    this.#identity = SIMULATED_MODELS[kind].identity;
    this.plugged = this.plugIn();
  }

  /** The catalog model the simulated device runs. */
  get modelId(): string {
    return SIMULATED_MODELS[this.kind].model.id;
  }

  /** The name of the device's link end (`memory:<model>`), its port for the technician. */
  get port(): string {
    return `memory:${this.modelId}`;
  }

  /** Its identity: what its protocol told when plugged in, then the simulator's own. */
  get identity(): DeviceIdentity | null {
    return this.#identity;
  }

  /** False while the script says this kind's device is absent. */
  get present(): boolean {
    return !this.script.absentDevices.includes(this.kind);
  }

  /** The device class on its link now (the technician's procedures talk to it directly). */
  get device(): LinkedMeasuringDevice {
    return this.plugged.device;
  }

  check(): Promise<PeripheralState> {
    if (this.script.absentDevices.includes(this.kind)) return Promise.resolve('absent');
    return this.unplugged ? Promise.resolve('ok') : this.plugged.device.check();
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    // The technician (or the patient) plugged the device back in after an unplug.
    if (this.unplugged) this.plugged = this.plugIn();
    const { simulator, device } = this.plugged;
    simulator.prepare(this.script.measurements[this.kind]);
    // The patient takes the finger out once the reading is over: a real oximeter streams "no finger"
    // between patients, never the last patient's values.
    return device.measure((fact) => {
      if (fact.type !== 'measurement.progressed') simulator.noFinger();
      report(fact);
    });
  }

  /** The raw traffic of the device's link since `sinceMs`, oldest first. */
  traffic(sinceMs: number): readonly TrafficEntry[] {
    return this.plugged.traffic.traffic(sinceMs);
  }

  /** The device's last decoded frames, oldest first. */
  lastFrames(): readonly LoggedFrame[] {
    return this.plugged.frames.frames();
  }

  /** Drops the traffic and frames kept: they carry the last patient's values. */
  forget(): void {
    this.plugged.traffic.forget();
    this.plugged.frames.forget();
  }

  /**
   * The technician's reference bench on this device. From the first call on, the simulated device has its
   * small realistic error (`benchError`), so that a verification finds something to correct.
   */
  bench(): SimulatedDeviceBench {
    if (!this.benchSet) {
      this.benchSet = true;
      this.giveBenchError(this.plugged.simulator);
    }
    return {
      apply: (quantity, value) => {
        if (this.unplugged) this.plugged = this.plugIn();
        if (!this.plugged.simulator.apply(quantity, value))
          throw new Error(`the ${this.kind} bench has no reference for ${quantity}`);
      },
      noFinger: () => {
        if (this.unplugged) this.plugged = this.plugIn();
        if (!this.plugged.simulator.noFinger()) throw new Error(`the ${this.kind} bench has no finger`);
      },
    };
  }

  /** Stops the simulator and closes the link (controller shutdown). */
  dispose(): void {
    this.plugged.simulator.stop();
    void this.plugged.device.close();
  }

  private giveBenchError(simulator: SteeredSimulator): void {
    for (const [quantity, error] of SIMULATED_MODELS[this.kind].benchError)
      simulator.setDeviceError(quantity, error);
  }

  private plugIn(): Plugged {
    const { model, simulate } = SIMULATED_MODELS[this.kind];
    const [deviceEnd, simulatorEnd] = createMemoryLinkPair({
      names: [`memory:${model.id}`, `simulator:${model.id}`],
    });
    this.unplugged = false;
    deviceEnd.onEnd(() => {
      this.unplugged = true;
    });
    const simulator = simulate(simulatorEnd, this.clock);
    // An oximeter's clip is empty until a patient puts a finger in.
    simulator.noFinger();
    if (this.benchSet) this.giveBenchError(simulator);
    const link = tapLink(deviceEnd, this.clock);
    const device = model.createDevice(link, this.clock);
    const frames = new FrameLog(this.clock);
    device.monitor(frames.record);
    this.askIdentity(device);
    return { device, simulator, traffic: link, frames };
  }

  /** Asks the device who it is, once; its answer comes first, the simulator's identity fills the rest. */
  private askIdentity(device: LinkedMeasuringDevice): void {
    const fallback = SIMULATED_MODELS[this.kind].identity;
    let settled = false;
    const cancel = after(this.clock, SIMULATED_IDENTIFY_MS, () => {
      settled = true;
    });
    void device.identify().then((identity) => {
      cancel();
      if (settled) return;
      settled = true;
      this.#identity = mergeIdentity(identity.ok ? identity.value : null, fallback);
    });
  }
}
