// The session's measuring devices with each device's corrections in force applied: the register's last
// check of the attached device (by model and serial number) corrects every later `measurement.taken`.
import type { MeasurementFact } from '../../contract';
import { correctQuantities } from '../../devices/calibration/correction';
import type { MeasuringDevice } from '../../devices/measuring-device';
import type { OperationLog } from '../log';
import type { CabinPeripherals } from '../peripherals';
import type { MaintenanceRegister } from '../store';
import { attachedKey } from './device-key';

/**
 * The same peripherals whose `devices` apply the corrections in force, looked up at the start of each
 * measurement (a calibration made meanwhile counts from the next one). Without an inspection of the
 * devices there is no identity to look up, and the peripherals are answered unchanged.
 */
export function withCorrections(
  peripherals: CabinPeripherals,
  register: Pick<MaintenanceRegister, 'lastCheck'>,
  log: OperationLog,
): CabinPeripherals {
  const inspection = peripherals.inspection;
  if (inspection === undefined) return peripherals;
  const devices = peripherals.devices.map((device): MeasuringDevice => ({
    kind: device.kind,
    check: () => device.check(),
    measure(report) {
      const key = attachedKey(inspection, device.kind);
      const last = key === null ? null : register.lastCheck(key.modelId, key.serialNumber);
      if (last !== null && !last.ok) log.warn('calibration.correctionsUnread', { code: last.error.code });
      const corrections = last?.ok ? (last.value?.corrections ?? []) : [];
      if (corrections.length === 0) return device.measure(report);
      return device.measure((fact: MeasurementFact) =>
        report(
          fact.type === 'measurement.taken'
            ? {
                ...fact,
                measurement: {
                  ...fact.measurement,
                  quantities: correctQuantities(fact.measurement.quantities, corrections),
                },
              }
            : fact,
        ),
      );
    },
  }));
  // The other members are read through to the original object, so that a test's live switches
  // (`platformReachable`) and its own fields stay what they are.
  return Object.create(peripherals, { devices: { value: devices, enumerable: true } }) as CabinPeripherals;
}
