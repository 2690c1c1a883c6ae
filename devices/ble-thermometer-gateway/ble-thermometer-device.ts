// The thermometer behind the BLE gateway: the host arms the gateway (`M`), the patient takes the
// temperature, and the thermometer's 0x2A1C indication arrives as one line (format in the codec).
import {
  ok,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type Result,
} from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { identityOf } from '../device-identity';
import { lineFraming, LinkMeasuringDevice } from '../link-measuring-device';
import type { PeripheralState } from '../peripheral';
import {
  decodeBleThermometerGateway,
  GATEWAY_IDENTIFY,
  type BleGatewayFrame,
  type DeviceInformationField,
} from './ble-thermometer-codec';

/** How long the gateway has to relay the thermometer's Device Information after `I`. */
export const GATEWAY_IDENTIFY_MS = 2000;

/** Timing of the thermometer device (defaults suit a patient; tests shorten them). */
export interface BleThermometerSettings {
  /** How long the patient may take. */
  readonly attemptMs: number;
  /** The gateway beats every second; this long without a line means it is gone. */
  readonly silenceMs: number;
}

const DEFAULTS: BleThermometerSettings = { attemptMs: 60_000, silenceMs: 3000 };

const ASCII = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A Health Thermometer reached through the project's USB serial BLE gateway; its monitor shows each line. */
export class BleThermometerGatewayDevice extends LinkMeasuringDevice<
  BleGatewayFrame,
  BleThermometerSettings
> {
  readonly kind = 'temperature' as const;

  constructor(link: ByteLink, clock: Clock, options: Partial<BleThermometerSettings> = {}) {
    super(link, clock, DEFAULTS, options, lineFraming('\n', 200, decodeBleThermometerGateway));
  }

  async check(): Promise<PeripheralState> {
    // `P` (ping): the gateway answers with its state.
    return (await this.nextFrame(1500, (frame) => frame.type === 'status', ASCII('P\n'))) ? 'ok' : 'absent';
  }

  /**
   * Asks the gateway for the thermometer's Device Information (`I`) and gathers the model number, serial
   * number and firmware revision it relays, until all three came or the time is up; nothing at all is
   * `device.noAnswer`.
   */
  async identify(): Promise<Result<DeviceIdentity>> {
    const fields: Partial<Record<DeviceInformationField, string>> = {};
    await this.answerWithin<true>(
      GATEWAY_IDENTIFY_MS,
      (done) =>
        this.onFrame((frame) => {
          if (frame.type !== 'deviceInformation') return;
          fields[frame.field] = frame.value;
          if (Object.keys(fields).length === 3) done(true);
        }),
      ASCII(`${GATEWAY_IDENTIFY}\n`),
    );
    if (Object.keys(fields).length === 0) return this.noAnswer();
    return ok(identityOf('device', fields));
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      const heard = run.silenceWatch(this.settings.silenceMs, () =>
        run.fail({ code: 'device.timeout', detail: 'no line from the gateway' }),
      );
      run.after(this.settings.attemptMs, () => run.fail({ code: 'device.timeout' }));
      const onLine = (frame: BleGatewayFrame): void => {
        heard();
        if (frame.type === 'status' && frame.state === 'CONNECTED') run.progress({ stage: 'keepStill' });
        if (frame.type !== 'temperature') return;
        const celsius = frame.measurement.celsius;
        if (celsius === null)
          return run.fail({ code: 'measurement.unstable', detail: 'thermometer sent no value' });
        run.take(this.measurement([{ name: 'temperature', value: celsius, unit: '°C' }]));
      };
      run.onStop(this.onFrame(onLine));
      run.progress({ stage: 'preparing' });
      void this.link.write(ASCII('M\n'));
    });
  }
}
