// An A&D scale in software: answers `Q`, `S`, `SI`, `Z`, `T` in the standard format on any ByteLink.
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import type { ScaleFault, ScaleScenario } from '../mt-sics';
import { scaleAt } from '../mt-sics/scale-fault';
import { encodeAndStandard } from './and-standard-codec';

/** A simulated A&D scale on the device side of a link. */
export class AndStandardSimulator {
  private scenario: ScaleScenario = { weightKg: 68.4, emptyPolls: 2, movingPolls: 2 };
  private fault: ScaleFault = 'none';
  private polls = 0;
  private readonly framer: LineFramer;

  constructor(private readonly link: ByteLink) {
    this.framer = new LineFramer({ delimiter: '\r\n' }, (line) => void this.command(line.trim()));
    link.onData((chunk) => this.framer.push(chunk));
  }

  /** Sets the patient's weight and timing; the weight sequence starts again. */
  setScenario(scenario: Partial<ScaleScenario>): void {
    this.scenario = { ...this.scenario, ...scenario };
    this.polls = 0;
  }

  /** Shows a fault: once for garbage, truncated, badChecksum and unplug; until 'none' for the others. */
  misbehave(fault: ScaleFault): void {
    this.fault = fault;
  }

  private async command(command: string): Promise<void> {
    if (this.fault === 'silence') return;
    if (command === 'Q' || command === 'S' || command === 'SI') {
      if (this.fault === 'overload') return this.send(encodeAndStandard('OL', null));
      if (this.fault === 'error') return this.send('QT,+00000001 PC');
      const reading = scaleAt(this.scenario, this.fault, this.polls);
      this.polls += 1;
      return this.send(encodeAndStandard(reading.stable ? 'ST' : 'US', reading.kg));
    }
    // Z and T are acknowledged by the next weight line only; nothing to send.
  }

  private async send(line: string): Promise<void> {
    const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
    switch (this.fault) {
      case 'garbage':
        this.fault = 'none';
        await this.link.write(bytes('\x7f\x13@@\r\n'));
        break;
      case 'truncated':
        this.fault = 'none';
        await this.link.write(bytes(line.slice(0, 7)));
        return;
      case 'badChecksum':
        // No checksum in the standard format: a corrupted line (7E1 parity error) stands for it.
        this.fault = 'none';
        await this.link.write(bytes(`${line.replace(/\d/, '?')}\r\n`));
        return;
      case 'unplug':
        await this.link.write(bytes(line.slice(0, 5)));
        await this.link.close();
        return;
      default:
        break;
    }
    await this.link.write(bytes(`${line}\r\n`));
  }
}
