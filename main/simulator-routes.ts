// Browser-mode routes that steer the simulated hardware while the cabin runs: a developer or an
// end-to-end test makes the card unreadable, unplugs a device, or cuts the platform, and watches
// the screens react. Present only with simulated hardware, behind the page's session cookie.
import {
  INSTRUMENT_KINDS,
  MEASUREMENT_KINDS,
  PROFESSIONS,
  type MeasurementKind,
  type Profession,
} from '../contract';
import { SIMULATED_PAYMENT_OUTCOMES, type SimulationScript } from '../devices/simulated/simulation-script';
import type { SimulatedPeripherals } from './peripherals';

const CARDS = ['twoBeneficiaries', 'oneBeneficiary', 'unreadable', 'removedDuringRead', 'none'] as const;
const MEASUREMENT_OUTCOMES = ['normal', 'implausible', 'unplugged', 'timeout'] as const;
const PRINT_OUTCOMES = ['printed', 'outOfPaper', 'jammed', 'offline'] as const;
const PAYMENT_OUTCOMES = SIMULATED_PAYMENT_OUTCOMES;

const isOneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value);

/**
 * Answers a handler for `/simulator/<route>`: `script` merges known fields into the simulation
 * script (card, cardStaysInReader, measurements, absentDevices, print, payment), `platform` sets
 * `{ reachable }` and/or `{ online: { dentist: 0, … } }` (professionals online by profession; the
 * waiting patients are told at once), or `{ requestMeasurement: 'bloodPressure' }` (the professional asks
 * for it in the running call), `{ requestInstrument: 'otoscope' }` or `{ endInstrument: true }` (the
 * professional asks for an examination instrument in the running call, or ends it), `card` puts the card in or takes it out (`{ present }`) or stops and
 * restarts the reader's service as pcscd would (`{ readerWorking }`, domain-level reader only).
 * Unknown routes or malformed bodies answer false and change nothing.
 */
export function simulatorRoutes(peripherals: SimulatedPeripherals) {
  return (route: string, body: unknown): Promise<boolean> => {
    if (typeof body !== 'object' || body === null) return Promise.resolve(false);
    const fields = body as Record<string, unknown>;
    if (route === 'platform') return Promise.resolve(applyPlatform(peripherals, fields));
    if (route === 'script') return Promise.resolve(applyScript(peripherals.script, fields));
    if (route === 'card' && typeof fields.present === 'boolean') {
      peripherals.cardReader.setCardPresent(fields.present);
      return Promise.resolve(true);
    }
    if (
      route === 'card' &&
      typeof fields.readerWorking === 'boolean' &&
      peripherals.cardReader.setReaderWorking
    ) {
      peripherals.cardReader.setReaderWorking(fields.readerWorking);
      return Promise.resolve(true);
    }
    return Promise.resolve(false);
  };
}

function applyPlatform(peripherals: SimulatedPeripherals, fields: Record<string, unknown>): boolean {
  const { reachable, online, requestMeasurement, requestInstrument, endInstrument } = fields;
  // The simulated professional asks for an examination instrument, or ends it (refused without a call).
  if (requestInstrument !== undefined || endInstrument !== undefined) {
    if (Object.keys(fields).length !== 1) return false;
    if (endInstrument === true) return peripherals.platform.endInstrument();
    if (!isOneOf(INSTRUMENT_KINDS, requestInstrument)) return false;
    return peripherals.platform.requestInstrument(requestInstrument);
  }
  if (requestMeasurement !== undefined) {
    // The simulated professional asks for a measurement in the running call (refused without a call).
    if (!isOneOf(MEASUREMENT_KINDS, requestMeasurement) || reachable !== undefined || online !== undefined) {
      return false;
    }
    return peripherals.platform.requestMeasurement(requestMeasurement);
  }
  if (reachable === undefined && online === undefined) return false;
  if (reachable !== undefined && typeof reachable !== 'boolean') return false;
  const onlineEntries = typeof online === 'object' && online !== null ? Object.entries(online) : [];
  if (online !== undefined && onlineEntries.length === 0) return false;
  const isCount = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20;
  if (!onlineEntries.every(([profession, count]) => isOneOf(PROFESSIONS, profession) && isCount(count))) {
    return false;
  }
  if (reachable !== undefined) peripherals.platformReachable = reachable;
  for (const [profession, count] of onlineEntries) {
    peripherals.platform.setOnline(profession as Profession, count as number);
  }
  return true;
}

function applyScript(script: SimulationScript, fields: Record<string, unknown>): boolean {
  const { card, print, payment, measurements, absentDevices, cardStaysInReader } = fields;
  if (cardStaysInReader !== undefined && typeof cardStaysInReader !== 'boolean') return false;
  if (card !== undefined && !isOneOf(CARDS, card)) return false;
  if (print !== undefined && !isOneOf(PRINT_OUTCOMES, print)) return false;
  if (payment !== undefined && !isOneOf(PAYMENT_OUTCOMES, payment)) return false;
  const measurementEntries =
    typeof measurements === 'object' && measurements !== null ? Object.entries(measurements) : [];
  if (measurements !== undefined && measurementEntries.length === 0) return false;
  if (
    !measurementEntries.every(([k, v]) => isOneOf(MEASUREMENT_KINDS, k) && isOneOf(MEASUREMENT_OUTCOMES, v))
  ) {
    return false;
  }
  if (
    absentDevices !== undefined &&
    !(Array.isArray(absentDevices) && absentDevices.every((k) => isOneOf(MEASUREMENT_KINDS, k)))
  ) {
    return false;
  }
  if (card !== undefined) script.card = card;
  if (cardStaysInReader !== undefined) script.cardStaysInReader = cardStaysInReader;
  if (print !== undefined) script.print = print;
  if (payment !== undefined) script.payment = payment;
  for (const [kind, outcome] of measurementEntries) {
    script.measurements[kind as MeasurementKind] =
      outcome as SimulationScript['measurements'][MeasurementKind];
  }
  if (absentDevices !== undefined) script.absentDevices = absentDevices;
  return true;
}
