// The BLE gateway and its thermometer in software: heartbeats, relays one 0x2A1C indication after `M`,
// and misbehaves on demand. `setStyle` makes its thermometer write as other real ones do: intermediate
// readings (0x2A1E) rising to the final one, °F, one decimal, no site, a timestamp or an unset clock.
import { after, every, type Cancel, type Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import { ScriptedSimulator, type LineFault, type TextLineFaults } from '../scripted-simulator';
import {
  DEVICE_INFORMATION,
  encodeBleGatewayNotification,
  encodeHealthThermometer,
  HEALTH_THERMOMETER_INTERMEDIATE,
  HEALTH_THERMOMETER_MEASUREMENT,
  type HealthThermometerFormat,
} from './ble-thermometer-codec';

/** How the simulated thermometer writes: its measurement's format, and intermediate readings before it. */
export interface SimulatedThermometerStyle {
  readonly format?: HealthThermometerFormat;
  /** Intermediate Temperature (0x2A1E) readings sent while it measures, rising to the final value. */
  readonly intermediateReadings?: number;
}

/** Faults of the simulated gateway: the first three happen once, the others last until 'none'. */
export type BleThermometerFault = LineFault | 'noValue';

/** The patient's temperature and how long the thermometer takes after arming. */
export interface BleThermometerScenario {
  readonly celsius: number;
  readonly takeMs: number;
}

/** Each line fault goes out before a good line; only a notification (`N,…`) carries a checksum to break. */
const GATEWAY_LINE_FAULTS: TextLineFaults = {
  garbage: (line) => ['\x00\xffN,2A\n', line],
  truncated: (line) => [line.slice(0, 9), line],
  badChecksum: (line) =>
    line.startsWith('N,')
      ? [line.replace(/\*(.)/, (_m, c: string) => `*${c === '0' ? '1' : '0'}`), line]
      : null,
  unplugAfter: 4,
};

/** What the simulated thermometer's Device Information Service holds (a field left out is not relayed). */
export interface SimulatedThermometerInformation {
  readonly model?: string;
  readonly serialNumber?: string;
  readonly firmware?: string;
}

/** The simulated thermometer's Device Information unless told otherwise. */
export const SIMULATED_THERMOMETER_INFORMATION: SimulatedThermometerInformation = {
  model: 'SIM-THERMO',
  serialNumber: 'SIM-TH-0001',
  firmware: '1.0',
};

/** A simulated BLE gateway with a thermometer, on the device side of a link, beating on `clock`. */
export class BleThermometerGatewaySimulator extends ScriptedSimulator<
  BleThermometerScenario,
  BleThermometerFault
> {
  private readonly stopHeartbeat: Cancel;
  private cancelPending: Cancel = () => undefined;
  private style: SimulatedThermometerStyle = {};

  constructor(
    link: ByteLink,
    private readonly clock: Clock,
    private readonly information: SimulatedThermometerInformation = SIMULATED_THERMOMETER_INFORMATION,
  ) {
    super(link, { celsius: 36.9, takeMs: 300 });
    const framer = new LineFramer({ delimiter: '\n' }, (line) => this.command(line.trim()));
    link.onData((chunk) => framer.push(chunk));
    this.stopHeartbeat = every(clock, 1000, () => void this.send('S,READY\n'));
    link.onEnd(() => this.stop());
  }

  /** The bench: the black body's temperature, which the thermometer reads with its simulated error. */
  applyBlackBody(celsius: number): void {
    this.setScenario({ celsius });
  }

  /** Makes the thermometer write as another real model does, from the next measurement on. */
  setStyle(style: SimulatedThermometerStyle): void {
    this.style = style;
  }

  /** Stops the heartbeat and any pending measurement. */
  stop(): void {
    this.stopHeartbeat();
    this.cancelPending();
  }

  private command(command: string): void {
    if (command === 'P') void this.send('S,READY\n');
    if (command === 'I') void this.relayInformation();
    if (command !== 'M') return;
    void this.send('S,CONNECTED\n');
    const format = this.style.format ?? {};
    const steps = this.style.intermediateReadings ?? 0;
    const pending: Cancel[] = [];
    for (let k = 1; k <= steps; k += 1) {
      // Readings while it measures, 0.1 °C apart, rising to the final value.
      const celsius = this.scenario.celsius - 0.1 * (steps - k + 1);
      pending.push(
        after(this.clock, (this.scenario.takeMs * k) / (steps + 1), () => {
          const payload = encodeHealthThermometer(this.withError('temperature', celsius), 6, format);
          void this.send(encodeBleGatewayNotification(HEALTH_THERMOMETER_INTERMEDIATE, payload));
        }),
      );
    }
    pending.push(
      after(this.clock, this.scenario.takeMs, () => {
        const payload = encodeHealthThermometer(
          this.withError('temperature', this.scenario.celsius),
          6,
          format,
        );
        // NaN mantissa 0x007FFFFF: the thermometer could not read.
        if (this.fault === 'noValue') payload.set([0xff, 0xff, 0x7f, 0x00], 1);
        void this.send(encodeBleGatewayNotification(HEALTH_THERMOMETER_MEASUREMENT, payload));
      }),
    );
    this.cancelPending = () => {
      for (const cancel of pending) cancel();
    };
  }

  /** Relays each Device Information characteristic the thermometer has, as the gateway does on `I`. */
  private async relayInformation(): Promise<void> {
    for (const [uuid, field] of Object.entries(DEVICE_INFORMATION)) {
      const value = this.information[field];
      if (value === undefined) continue;
      await this.send(
        encodeBleGatewayNotification(Number(uuid), Uint8Array.from(Buffer.from(value, 'utf8'))),
      );
    }
  }

  protected override cablePulled(): void {
    this.stop();
  }

  private async send(line: string): Promise<void> {
    if (this.fault === 'silence') return;
    await this.sendLine(line, GATEWAY_LINE_FAULTS);
  }
}
