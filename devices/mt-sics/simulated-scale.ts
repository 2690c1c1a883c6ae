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

  /**
   * The technician's bench: a test load of `kg` on the platform, read at once as stable (no patient
   * stepping on); the scale reads it with its simulated error on `weight`.
   */
  applyLoad(kg: number): void {
    this.setScenario({ weightKg: kg, emptyPolls: 0, movingPolls: 0 });
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
    return { stable: reading.stable, kg: this.withError('weight', reading.kg) };
  }

  /** Sends one reply line, CR LF terminated, showing a line fault if one is due. */
  protected send(line: string): Promise<void> {
    const { garbage, truncatedLength, corruptDigit } = this.lineFaults;
    return this.sendLine(line, {
      ending: '\r\n',
      garbage: (reply) => [garbage, `${reply}\r\n`],
      // Half a reply, then nothing: the host's reply timer or the next line sorts it out.
      truncated: (reply) => [reply.slice(0, truncatedLength)],
      // Neither format has a checksum: a corrupted line (a flipped character, a 7E1 parity error)
      // stands for it.
      badChecksum: (reply) => [`${reply.replace(/\d/, corruptDigit)}\r\n`],
      unplugAfter: 5,
    });
  }

  private async heard(command: string): Promise<void> {
    if (this.fault === 'silence') return;
    return this.command(command);
  }
}
