// The thermometer behind the BLE gateway: the host arms the gateway (`M`), the patient takes the
// temperature, and the thermometer's 0x2A1C indication arrives as one line (format in the codec).
import type { CabinError } from '../../contract';
import type { ByteLink, LinkEnd } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel, PeripheralState } from '../peripheral';
import { realTimeSchedule, type Schedule } from '../simulated/simulation-timer';
import { decodeBleThermometerGateway, type BleGatewayFrame } from './ble-thermometer-codec';

/** What `diag monitor` prints for the gateway: each decoded line. */
export type BleThermometerDecodedFrame = BleGatewayFrame;

/** Timing of the thermometer device (defaults suit a patient; tests shorten them). */
export interface BleThermometerDeviceOptions {
  readonly schedule?: Schedule;
  readonly now?: () => number;
  /** How long the patient may take (default 60 s). */
  readonly attemptMs?: number;
  /** The gateway beats every second; this long without a line means it is gone (default 3 s). */
  readonly silenceMs?: number;
}

const ASCII = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A Health Thermometer reached through the project's USB serial BLE gateway. */
export class BleThermometerGatewayDevice implements MeasuringDevice {
  readonly kind = 'temperature' as const;
  private ended: LinkEnd | undefined;
  private readonly monitors = new Set<(frame: BleGatewayFrame) => void>();
  private readonly listeners = new Set<(frame: BleGatewayFrame) => void>();
  private readonly endListeners = new Set<(end: LinkEnd) => void>();
  private readonly schedule: Schedule;

  constructor(
    private readonly link: ByteLink,
    private readonly options: BleThermometerDeviceOptions = {},
  ) {
    this.schedule = options.schedule ?? realTimeSchedule;
    const framer = new LineFramer({ delimiter: '\n', maxLineLength: 200 }, (line) => {
      const frame = decodeBleThermometerGateway(line);
      if (!frame.ok) return;
      for (const listener of [...this.monitors, ...this.listeners]) listener(frame.value);
    });
    link.onData((chunk) => framer.push(chunk));
    link.onEnd((end) => {
      this.ended = end;
      for (const listener of [...this.endListeners]) listener(end);
    });
  }

  check(): Promise<PeripheralState> {
    if (this.ended !== undefined) return Promise.resolve('absent');
    return new Promise((resolve) => {
      const listener = (frame: BleGatewayFrame) => {
        if (frame.type !== 'status') return;
        cancel();
        this.listeners.delete(listener);
        resolve('ok');
      };
      const cancel = this.schedule(1500, () => {
        this.listeners.delete(listener);
        resolve('absent');
      });
      this.listeners.add(listener);
      void this.link.write(ASCII('P\n'));
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    let done = false;
    const cancels: (() => void)[] = [];
    const stop = () => {
      done = true;
      this.listeners.delete(listener);
      this.endListeners.delete(onEnd);
      cancels.forEach((cancel) => cancel());
    };
    const finish = (fact: MeasurementFact) => {
      if (done) return;
      stop();
      report(fact);
    };
    const fail = (error: CabinError) => finish({ type: 'failed', error });
    let cancelSilence: () => void = () => undefined;
    const armSilence = () => {
      cancelSilence();
      cancelSilence = this.schedule(this.options.silenceMs ?? 3000, () =>
        fail({ code: 'device.timeout', detail: 'no line from the gateway' }),
      );
    };
    cancels.push(() => cancelSilence());
    cancels.push(this.schedule(this.options.attemptMs ?? 60_000, () => fail({ code: 'device.timeout' })));
    const onEnd = (end: LinkEnd) => fail({ code: end === 'silent' ? 'device.timeout' : 'device.unplugged' });
    const listener = (frame: BleGatewayFrame) => {
      armSilence();
      if (frame.type === 'status' && frame.state === 'CONNECTED')
        report({ type: 'progressed', progress: { stage: 'keepStill' } });
      if (frame.type !== 'temperature') return;
      const celsius = frame.measurement.celsius;
      if (celsius === null)
        return fail({ code: 'measurement.unstable', detail: 'thermometer sent no value' });
      finish({
        type: 'taken',
        measurement: {
          kind: 'temperature',
          quantities: [{ name: 'temperature', value: celsius, unit: '°C' }],
          takenAt: (this.options.now ?? Date.now)(),
        },
      });
    };
    if (this.ended !== undefined) {
      queueMicrotask(() => fail({ code: 'device.unplugged' }));
    } else {
      this.listeners.add(listener);
      this.endListeners.add(onEnd);
      armSilence();
      report({ type: 'progressed', progress: { stage: 'preparing' } });
      void this.link.write(ASCII('M\n'));
    }
    return stop;
  }

  /** Subscribes the technician's monitor to every decoded line; answers the unsubscribe function. */
  monitor(listener: (frame: BleGatewayFrame) => void): () => void {
    this.monitors.add(listener);
    return () => this.monitors.delete(listener);
  }

  /** Closes the link; the device is finished. */
  close(): Promise<void> {
    return this.link.close();
  }
}
