// What the MT-SICS and A&D simulators share: the patient's scenario, the fault shown, the poll count,
// and the line faults on the way out. Each protocol answers its own commands.
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import { ScriptedSimulator } from '../scripted-simulator';
import { scaleAt, type ScaleFault, type ScaleScenario } from './scale-fault';

/** How a protocol's line faults look: the garbage line, how much of a truncated line goes out, and the
 * character that corrupts the first digit of a line. */
export interface ScaleLineFaults {
  readonly garbage: string;
  readonly truncatedLength: number;
  readonly corruptDigit: string;
}

/** A simulated scale on the device side of a link, answering CR LF terminated commands. */
export abstract class SimulatedScale extends ScriptedSimulator<ScaleScenario, ScaleFault> {
  protected polls = 0;
  private readonly framer: LineFramer;

  constructor(
    link: ByteLink,
    private readonly lineFaults: ScaleLineFaults,
  ) {
    super(link, { weightKg: 68.4, emptyPolls: 2, movingPolls: 2 });
    this.framer = new LineFramer({ delimiter: '\r\n' }, (line) => void this.heard(line.trim()));
    link.onData((chunk) => this.framer.push(chunk));
  }

  /** Sets the patient's weight and timing; the weight sequence starts again. */
  override setScenario(scenario: Partial<ScaleScenario>): void {
    super.setScenario(scenario);
    this.polls = 0;
  }

  /** Switches the scale off: no command is answered any more. */
  stop(): void {
    this.fault = 'silence';
  }

  /** Answers one command line (a silent scale hears nothing). */
  protected abstract command(command: string): Promise<void>;

  /** The reading at this poll, following the scenario and the fault; counts the poll. */
  protected nextReading(): { readonly stable: boolean; readonly kg: number } {
    const reading = scaleAt(this.scenario, this.fault, this.polls);
    this.polls += 1;
    return reading;
  }

  protected async send(line: string): Promise<void> {
    const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
    switch (this.fault) {
      case 'garbage':
        this.fault = 'none';
        await this.link.write(bytes(this.lineFaults.garbage));
        break;
      case 'truncated':
        // Half a reply, then nothing: the host's reply timer or the next line sorts it out.
        this.fault = 'none';
        await this.link.write(bytes(line.slice(0, this.lineFaults.truncatedLength)));
        return;
      case 'badChecksum':
        // Neither format has a checksum: a corrupted line (a flipped character, a 7E1 parity error)
        // stands for it.
        this.fault = 'none';
        await this.link.write(bytes(`${line.replace(/\d/, this.lineFaults.corruptDigit)}\r\n`));
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

  private async heard(command: string): Promise<void> {
    if (this.fault === 'silence') return;
    return this.command(command);
  }
}
