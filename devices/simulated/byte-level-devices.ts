// The simulated devices of `npm start`: each real device class (the real codec) on an in-memory link,
// with the model's byte-level simulator on the other end. The simulation script steers each
// simulator before a measurement (normal values, out-of-range values, unplug, silence), and a device
// whose link was unplugged is plugged back, freshly, at its next measurement.
import type { MeasurementKind } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { bleThermometerGatewayModel, BleThermometerGatewaySimulator } from '../ble-thermometer-gateway';
import type { DeviceModel } from '../device-model';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import { mtSicsModel, MtSicsSimulator } from '../mt-sics';
import { nibpAsciiModel, NibpAsciiSimulator } from '../nibp-ascii';
import { noninDf2Model, NoninDf2Simulator } from '../nonin-df2';
import type { PeripheralState } from '../peripheral';
import type { SimulatedMeasurementOutcome, SimulationScript } from './simulation-script';

/** What the scripted device needs of a model's simulator. */
interface ScriptableSimulator {
  /** Applies the script's outcome for the next measurement. */
  prepare(outcome: SimulatedMeasurementOutcome): void;
  stop(): void;
}

/** One model per kind for the simulated cabin, with how its simulator plays each scripted outcome. */
const SIMULATED_MODELS: {
  readonly [K in MeasurementKind]: [DeviceModel, (link: ByteLink) => ScriptableSimulator];
} = {
  bloodPressure: [
    nibpAsciiModel,
    (link) => {
      const simulator = new NibpAsciiSimulator(link);
      return {
        prepare: (outcome) => {
          // A cuff left on the table reads nonsense: above the plausible range on purpose.
          simulator.setScenario(
            outcome === 'implausible' ? { systolic: 290, diastolic: 250 } : { systolic: 128, diastolic: 82 },
          );
          simulator.misbehave(faultFor(outcome));
        },
        stop: () => simulator.misbehave('silence'),
      };
    },
  ],
  temperature: [
    bleThermometerGatewayModel,
    (link) => {
      const simulator = new BleThermometerGatewaySimulator(link);
      return {
        prepare: (outcome) => {
          simulator.setScenario({ celsius: outcome === 'implausible' ? 46.5 : 36.9 });
          simulator.misbehave(faultFor(outcome));
        },
        stop: () => simulator.stop(),
      };
    },
  ],
  oxygenSaturation: [
    noninDf2Model,
    (link) => {
      const simulator = new NoninDf2Simulator(link);
      return {
        prepare: (outcome) => {
          simulator.setScenario(
            outcome === 'implausible' ? { heartRate: 300, spo2: 97 } : { heartRate: 71, spo2: 97 },
          );
          simulator.misbehave(faultFor(outcome));
        },
        stop: () => simulator.stop(),
      };
    },
  ],
  weight: [
    mtSicsModel,
    (link) => {
      const simulator = new MtSicsSimulator(link);
      return {
        prepare: (outcome) => {
          simulator.setScenario({ weightKg: outcome === 'implausible' ? 420 : 68.4 });
          simulator.misbehave(faultFor(outcome));
        },
        stop: () => simulator.misbehave('silence'),
      };
    },
  ],
};

function faultFor(outcome: SimulatedMeasurementOutcome): 'none' | 'unplug' | 'silence' {
  return outcome === 'unplugged' ? 'unplug' : outcome === 'timeout' ? 'silence' : 'none';
}

/** A real device class on an in-memory link to its model's simulator, steered by the simulation script. */
export class ByteLevelSimulatedDevice implements MeasuringDevice {
  readonly kind: MeasurementKind;
  private device: MeasuringDevice & { close?: () => Promise<void> };
  private simulator: ScriptableSimulator;
  private unplugged = false;

  constructor(
    kind: MeasurementKind,
    private readonly script: SimulationScript,
  ) {
    this.kind = kind;
    [this.device, this.simulator] = this.plugIn();
  }

  /** The model whose codec this device runs. */
  get modelId(): string {
    return SIMULATED_MODELS[this.kind][0].id;
  }

  check(): Promise<PeripheralState> {
    if (this.script.absentDevices.includes(this.kind)) return Promise.resolve('absent');
    return this.unplugged ? Promise.resolve('ok') : this.device.check();
  }

  measure(report: (fact: MeasurementFact) => void): () => void {
    // The technician (or the patient) plugged the device back in after an unplug.
    if (this.unplugged) [this.device, this.simulator] = this.plugIn();
    this.simulator.prepare(this.script.measurements[this.kind]);
    return this.device.measure(report);
  }

  /** Stops the simulator and closes the link (controller shutdown). */
  dispose(): void {
    this.simulator.stop();
    void this.device.close?.();
  }

  private plugIn(): [MeasuringDevice & { close?: () => Promise<void> }, ScriptableSimulator] {
    const [model, simulate] = SIMULATED_MODELS[this.kind];
    const [deviceEnd, simulatorEnd] = createMemoryLinkPair({
      names: [`memory:${model.id}`, `simulator:${model.id}`],
    });
    this.unplugged = false;
    deviceEnd.onEnd(() => {
      this.unplugged = true;
    });
    const simulator = simulate(simulatorEnd);
    return [model.createDevice(deviceEnd), simulator];
  }
}
