// The BLE gateway and its thermometer in software: heartbeats, relays one 0x2A1C indication after `M`,
// and misbehaves on demand.
import { after, every, type Cancel, type Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import { ScriptedSimulator, type LineFault, type TextLineFaults } from '../scripted-simulator';
import {
  encodeBleGatewayNotification,
  encodeHealthThermometer,
  HEALTH_THERMOMETER_MEASUREMENT,
} from './ble-thermometer-codec';

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

/** A simulated BLE gateway with a thermometer, on the device side of a link, beating on `clock`. */
export class BleThermometerGatewaySimulator extends ScriptedSimulator<
  BleThermometerScenario,
  BleThermometerFault
> {
  private readonly stopHeartbeat: Cancel;
  private cancelPending: Cancel = () => undefined;

  constructor(
    link: ByteLink,
    private readonly clock: Clock,
  ) {
    super(link, { celsius: 36.9, takeMs: 300 });
    const framer = new LineFramer({ delimiter: '\n' }, (line) => this.command(line.trim()));
    link.onData((chunk) => framer.push(chunk));
    this.stopHeartbeat = every(clock, 1000, () => void this.send('S,READY\n'));
    link.onEnd(() => this.stop());
  }

  /** Stops the heartbeat and any pending measurement. */
  stop(): void {
    this.stopHeartbeat();
    this.cancelPending();
  }

  private command(command: string): void {
    if (command === 'P') void this.send('S,READY\n');
    if (command !== 'M') return;
    void this.send('S,CONNECTED\n');
    this.cancelPending = after(this.clock, this.scenario.takeMs, () => {
      const payload = encodeHealthThermometer(this.scenario.celsius);
      // NaN mantissa 0x007FFFFF: the thermometer could not read.
      if (this.fault === 'noValue') payload.set([0xff, 0xff, 0x7f, 0x00], 1);
      void this.send(encodeBleGatewayNotification(HEALTH_THERMOMETER_MEASUREMENT, payload));
    });
  }

  protected override cablePulled(): void {
    this.stop();
  }

  private async send(line: string): Promise<void> {
    if (this.fault === 'silence') return;
    await this.sendLine(line, GATEWAY_LINE_FAULTS);
  }
}
