// A Mettler Toledo balance in software: answers MT-SICS commands on any ByteLink and misbehaves on demand.
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import { encodeMtSicsWeight } from './mt-sics-codec';
import { scaleAt, type ScaleFault, type ScaleScenario } from './scale-fault';

/** A simulated MT-SICS scale on the device side of a link. */
export class MtSicsSimulator {
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
    switch (command) {
      case 'S':
      case 'SI': {
        if (this.fault === 'overload') return this.send(`${command} +`);
        if (this.fault === 'error') return this.send('EL');
        const reading = scaleAt(this.scenario, this.fault, this.polls);
        this.polls += 1;
        return this.send(encodeMtSicsWeight(command, reading.stable, reading.kg));
      }
      case 'Z':
      case 'T':
        return this.send(`${command} A`);
      case '@':
        this.polls = 0;
        return this.send('I4 A "SIMULATED01"');
      case 'I4':
        return this.send('I4 A "SIMULATED01"');
      default:
        return this.send('ES');
    }
  }

  private async send(line: string): Promise<void> {
    const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
    switch (this.fault) {
      case 'garbage':
        this.fault = 'none';
        await this.link.write(bytes('\x00\xff#!~\r\n'));
        break;
      case 'truncated':
        // Half a reply, then nothing: the host's reply timer or the next line sorts it out.
        this.fault = 'none';
        await this.link.write(bytes(line.slice(0, 6)));
        return;
      case 'badChecksum':
        // MT-SICS has no checksum: a corrupted line (a flipped character) stands for it.
        this.fault = 'none';
        await this.link.write(bytes(`${line.replace(/\d/, '#')}\r\n`));
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
