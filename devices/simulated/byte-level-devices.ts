// The simulated devices of `npm start`: each real device class (the real codec) on an in-memory link,
// with the model's byte-level simulator on the other end. The simulation script steers each
// simulator before a measurement (normal values, out-of-range values, unplug, silence), and a device
// whose link was unplugged is plugged back, freshly, at its next measurement.
import type { Cancel, Clock, MeasurementFact, MeasurementKind } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { BleThermometerGatewaySimulator } from '../ble-thermometer-gateway';
import { bleThermometerGatewayModel, mtSicsModel, nibpAsciiModel, noninDf2Model } from '../catalog';
import type { SerialDeviceModel } from '../device-model';
import type { LinkedMeasuringDevice, MeasuringDevice } from '../measuring-device';
import { MtSicsSimulator } from '../mt-sics';
import { NibpAsciiSimulator } from '../nibp-ascii';
import { NoninDf2Simulator } from '../nonin-df2';
import type { PeripheralState } from '../peripheral';
import type { SimulatedMeasurementOutcome, SimulationScript } from './simulation-script';

/** What the simulated cabin needs of a model's simulator: a patient, a fault, and off. */
interface ScriptableSimulator<Scenario> {
  setScenario(scenario: Partial<Scenario>): void;
  misbehave(fault: 'none' | 'unplug' | 'silence'): void;
  stop(): void;
}

/** A simulator steered by the script: `prepare` plays the script's outcome at the next measurement. */
interface SteeredSimulator {
  prepare(outcome: SimulatedMeasurementOutcome): void;
  stop(): void;
}

/** Starts a model's simulator on its end of a link, with the patient's normal and implausible values. */
function steered<Scenario>(
  Simulator: new (link: ByteLink, clock: Clock) => ScriptableSimulator<Scenario>,
  normal: Partial<Scenario>,
  implausible: Partial<Scenario>,
): (link: ByteLink, clock: Clock) => SteeredSimulator {
  return (link, clock) => {
    const simulator = new Simulator(link, clock);
    return {
      prepare: (outcome) => {
        simulator.setScenario(outcome === 'implausible' ? implausible : normal);
        simulator.misbehave(outcome === 'unplugged' ? 'unplug' : outcome === 'timeout' ? 'silence' : 'none');
      },
      stop: () => simulator.stop(),
    };
  };
}

// One model per kind. The implausible values are what a cuff left on the table, a thermometer in hot
// tea, a swinging clip or a loaded scale read: beyond the plausible ranges on purpose.
const SIMULATED_MODELS: {
  readonly [K in MeasurementKind]: readonly [
    SerialDeviceModel,
    (link: ByteLink, clock: Clock) => SteeredSimulator,
  ];
} = {
  bloodPressure: [
    nibpAsciiModel,
    steered(NibpAsciiSimulator, { systolic: 128, diastolic: 82 }, { systolic: 290, diastolic: 250 }),
  ],
  temperature: [
    bleThermometerGatewayModel,
    steered(BleThermometerGatewaySimulator, { celsius: 36.9 }, { celsius: 46.5 }),
  ],
  oxygenSaturation: [
    noninDf2Model,
    steered(NoninDf2Simulator, { heartRate: 71, spo2: 97 }, { heartRate: 300, spo2: 97 }),
  ],
  weight: [mtSicsModel, steered(MtSicsSimulator, { weightKg: 68.4 }, { weightKg: 420 })],
};

/** A real device class on an in-memory link to its model's simulator, steered by the simulation script. */
export class ByteLevelSimulatedDevice implements MeasuringDevice {
  private device: LinkedMeasuringDevice;
  private simulator: SteeredSimulator;
  private unplugged = false;

  constructor(
    readonly kind: MeasurementKind,
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {
    [this.device, this.simulator] = this.plugIn();
  }

  check(): Promise<PeripheralState> {
    if (this.script.absentDevices.includes(this.kind)) return Promise.resolve('absent');
    return this.unplugged ? Promise.resolve('ok') : this.device.check();
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    // The technician (or the patient) plugged the device back in after an unplug.
    if (this.unplugged) [this.device, this.simulator] = this.plugIn();
    this.simulator.prepare(this.script.measurements[this.kind]);
    return this.device.measure(report);
  }

  /** Stops the simulator and closes the link (controller shutdown). */
  dispose(): void {
    this.simulator.stop();
    void this.device.close();
  }

  private plugIn(): [LinkedMeasuringDevice, SteeredSimulator] {
    const [model, simulate] = SIMULATED_MODELS[this.kind];
    const [deviceEnd, simulatorEnd] = createMemoryLinkPair({
      names: [`memory:${model.id}`, `simulator:${model.id}`],
    });
    this.unplugged = false;
    deviceEnd.onEnd(() => {
      this.unplugged = true;
    });
    const simulator = simulate(simulatorEnd, this.clock);
    return [model.createDevice(deviceEnd, this.clock), simulator];
  }
}
