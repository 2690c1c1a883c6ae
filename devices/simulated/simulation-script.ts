// What the interim simulators do next: a script that a test or a developer changes while the cabin
// runs (through the browser-mode simulator endpoint), so that every fault can be shown on screen.
import type { MeasurementKind } from '../../contract';

/** The card the simulated reader yields next. */
export type SimulatedCard =
  'twoBeneficiaries' | 'oneBeneficiary' | 'unreadable' | 'removedDuringRead' | 'none';

/** How the next measurement of a kind goes. */
export type SimulatedMeasurementOutcome = 'normal' | 'implausible' | 'unplugged' | 'timeout';

/** How the next print or payment goes. */
export type SimulatedPrintOutcome = 'printed' | 'outOfPaper' | 'jammed' | 'offline';

/** How the next payment goes. */
export type SimulatedPaymentOutcome = 'paid' | 'declined';

/** The mutable script of every interim simulator. */
export interface SimulationScript {
  card: SimulatedCard;
  /** The simulated patient leaves the card in the reader after the read, until told to take it. */
  cardStaysInReader: boolean;
  measurements: Record<MeasurementKind, SimulatedMeasurementOutcome>;
  absentDevices: MeasurementKind[];
  print: SimulatedPrintOutcome;
  payment: SimulatedPaymentOutcome;
  /** Delay of each simulated step (card read, measurement stages, queue moves), in ms. */
  stepMs: number;
}

/** A script where everything works, with the given pace. */
export function happyScript(stepMs: number): SimulationScript {
  return {
    card: 'twoBeneficiaries',
    cardStaysInReader: false,
    measurements: {
      bloodPressure: 'normal',
      temperature: 'normal',
      oxygenSaturation: 'normal',
      weight: 'normal',
    },
    absentDevices: [],
    print: 'printed',
    payment: 'paid',
    stepMs,
  };
}
