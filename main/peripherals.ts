// The set of peripherals a controller drives, and the simulated set `npm start` uses by default.
import {
  MEASUREMENT_KINDS,
  type CalibrationQuantity,
  type Clock,
  type DeviceIdentity,
  type MeasurementKind,
  type PeripheralStatus,
  type TrafficEntry,
} from '../contract';
import type { IdCardReader } from '../devices/id-card-reader';
import type { LinkedMeasuringDevice, MeasuringDevice } from '../devices/measuring-device';
import type { PaymentTerminal } from '../devices/payment-terminal';
import { SimulatedIdCardReader } from '../devices/simulated/simulated-id-card-reader';
import type { ScriptedCardReader } from '../devices/simulated/virtual-card-id-card-reader';
import { SimulatedMeasuringDevice } from '../devices/simulated/simulated-measuring-device';
import { SimulatedPaymentTerminal } from '../devices/simulated/simulated-payment-terminal';
import { ByteLevelSimulatedDevice } from '../devices/simulated/byte-level-devices';
import type { SimulationScript } from '../devices/simulated/simulation-script';
import type { PrintQueue } from '../drivers/printing/print-queue';
import { SimulatedPrintQueue } from '../drivers/printing/simulated-print-queue';
import type { PlatformLink } from './platform-client/platform-link';
import { SimulatedPlatformLink } from './platform-client/simulated-platform-link';

/** Everything the session reaches outside the controller. */
export interface CabinPeripherals {
  readonly cardReader: IdCardReader;
  readonly devices: readonly MeasuringDevice[];
  readonly printer: PrintQueue;
  readonly paymentTerminal: PaymentTerminal;
  readonly platform: PlatformLink;
  /** Releases links, timers and simulators (controller shutdown). */
  readonly dispose?: () => void;
  /** Calls back when a peripheral was plugged or unplugged, so the cabin checks them again. */
  readonly watchChanges?: (listener: () => void) => () => void;
  /** The technician's view of the measuring devices; absent for domain-level simulated devices. */
  readonly inspection?: DeviceInspection;
}

/** A measuring device attached now, as the technician's tools and the maintenance register see it. */
export interface AttachedDevice {
  readonly kind: MeasurementKind;
  readonly modelId: string;
  readonly port: string;
  /** Asked once when the device connected (its own protocol first, then its USB descriptors); null when it did not tell. */
  readonly identity: DeviceIdentity | null;
  readonly device: LinkedMeasuringDevice;
}

/** What the technician's tools ask of the attached measuring devices, by kind. */
export interface DeviceInspection {
  /** The device attached for this kind now, or null. */
  attached(kind: MeasurementKind): AttachedDevice | null;
  /** The raw traffic of this kind's device since `sinceMs` (at most the last 500 chunks), oldest first. */
  traffic(kind: MeasurementKind, sinceMs: number): readonly TrafficEntry[];
  /** The last decoded frames of this kind's device (at most 20), oldest first, as short JSON text. */
  lastFrames(kind: MeasurementKind): readonly { readonly atMs: number; readonly text: string }[];
  /**
   * Drops every device's traffic and frames kept: they carry the last patient's values, and nothing of a
   * patient survives the session (called at each session's wipe).
   */
  forget(): void;
  /**
   * Simulated hardware only: the simulated reference bench of this kind's device, which a procedure
   * sets to each prompt's target so that the simulated device reads it (with its own simulated error).
   */
  bench?(kind: MeasurementKind): SimulatedBench | null;
}

/** A simulated reference bench: what the reference instrument applies to a simulated device. */
export interface SimulatedBench {
  /**
   * Applies `value` of `quantity` (pressure in mmHg, leakRate in mmHg/min, temperature in °C, weight in kg,
   * spo2 in %, pulse in bpm); throws (a bug) for a quantity this kind's bench has not.
   */
  apply(quantity: CalibrationQuantity, value: number): void;
  /** The oximeter's functional tester in its "no finger" state until the next `apply`; throws on other kinds. */
  noFinger?(): void;
}

/** The interim simulated peripherals, all driven by one mutable script. */
export interface SimulatedPeripherals extends CabinPeripherals {
  readonly script: SimulationScript;
  readonly cardReader: ScriptedCardReader;
  readonly printer: SimulatedPrintQueue;
  readonly platform: SimulatedPlatformLink;
  /** Set false to simulate a network cut between the cabin and its platform. */
  platformReachable: boolean;
}

/** Builds the simulated peripherals on a clock (the system clock for `npm start`, a manual one in tests). */
export function createSimulatedPeripherals(
  script: SimulationScript,
  clock: Clock,
  callMs: number,
  byteLevelDevices = false,
  cardReader: ScriptedCardReader = new SimulatedIdCardReader(script, clock),
): SimulatedPeripherals {
  // Byte level: the real codecs on in-memory links to the models' simulators (npm start, e2e). Domain
  // level: values straight from the script (scenario tests). Both on the given clock.
  const byteLevel = byteLevelDevices
    ? MEASUREMENT_KINDS.map((kind) => new ByteLevelSimulatedDevice(kind, script, clock))
    : null;
  const devices =
    byteLevel ?? MEASUREMENT_KINDS.map((kind) => new SimulatedMeasuringDevice(kind, script, clock));
  const peripherals: SimulatedPeripherals = {
    ...(byteLevel ? { inspection: simulatedInspection(byteLevel) } : {}),
    script,
    platformReachable: true,
    cardReader,
    devices,
    dispose: () => {
      for (const device of devices) if (device instanceof ByteLevelSimulatedDevice) device.dispose();
    },
    printer: new SimulatedPrintQueue(() => script.print, clock, script.stepMs),
    paymentTerminal: new SimulatedPaymentTerminal(script, clock),
    platform: new SimulatedPlatformLink(
      { stepMs: script.stepMs, callMs, reachable: () => peripherals.platformReachable },
      clock,
    ),
  };
  return peripherals;
}

/** The technician's view of the byte-level simulated devices, with a reference bench on each. */
export function simulatedInspection(devices: readonly ByteLevelSimulatedDevice[]): DeviceInspection {
  const of = (kind: MeasurementKind): ByteLevelSimulatedDevice | undefined =>
    devices.find((d) => d.kind === kind);
  return {
    attached: (kind) => {
      const simulated = of(kind);
      if (!simulated?.present) return null;
      const { modelId, port, identity, device } = simulated;
      return { kind, modelId, port, identity, device };
    },
    traffic: (kind, sinceMs) => of(kind)?.traffic(sinceMs) ?? [],
    lastFrames: (kind) => of(kind)?.lastFrames() ?? [],
    forget: () => {
      for (const device of devices) device.forget();
    },
    bench: (kind) => of(kind)?.bench() ?? null,
  };
}

/** Asks every peripheral for its state; a check that throws counts as faulty. */
export async function checkPeripherals(peripherals: CabinPeripherals): Promise<PeripheralStatus[]> {
  const checks: [PeripheralStatus['peripheral'], () => Promise<PeripheralStatus['state']>][] = [
    ['cardReader', () => peripherals.cardReader.check()],
    ['printer', () => peripherals.printer.check()],
    ['paymentTerminal', () => peripherals.paymentTerminal.check()],
    ['platform', () => peripherals.platform.check()],
    ...MEASUREMENT_KINDS.map(
      (kind): [PeripheralStatus['peripheral'], () => Promise<PeripheralStatus['state']>] => [
        kind,
        () => peripherals.devices.find((d) => d.kind === kind)?.check() ?? Promise.resolve('absent'),
      ],
    ),
  ];
  const statuses = await Promise.all(
    checks.map(async ([peripheral, check]) => ({
      peripheral,
      state: await check().catch((): PeripheralStatus['state'] => 'faulty'),
    })),
  );
  // A check may bring a past patient's values back over a device's link (the tensiometer's `18` probe
  // answers the module's last result): what the checks carried is not kept for the technician.
  peripherals.inspection?.forget();
  // The printer's paper running low is a warning for the attendant, not a fault.
  const printer = await peripherals.printer.status?.().catch(() => null);
  return printer?.notice
    ? statuses.map((s) => (s.peripheral === 'printer' ? { ...s, notice: printer.notice ?? undefined } : s))
    : statuses;
}
