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

/**
 * How the next payment goes: approved (`paid`), a failure that moved no money (`declined`, `cancelled` on
 * the terminal, `cardRemoved` too early, `unreachable`), or an answer the cabin does not get: `answerLost`
 * (the terminal approved, then the link dropped: asked again, it says approved), `timeout` (no answer in
 * time: asked again, not approved), `garbled` (an answer the cabin cannot read: asked again, the terminal
 * cannot tell, and the attendant checks its journal).
 */
export type SimulatedPaymentOutcome =
  'paid' | 'declined' | 'cancelled' | 'cardRemoved' | 'timeout' | 'answerLost' | 'unreachable' | 'garbled';

/** Every simulated payment outcome (the simulator's routes accept these). */
export const SIMULATED_PAYMENT_OUTCOMES: readonly SimulatedPaymentOutcome[] = [
  'paid',
  'declined',
  'cancelled',
  'cardRemoved',
  'timeout',
  'answerLost',
  'unreachable',
  'garbled',
];

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
