// An A&D scale in software: answers `Q`, `S`, `SI`, `Z`, `T` in the standard format on any ByteLink, in the
// 15 characters a real scale sends (`ST,+00068.40 kg`), with the decimals and stable header of the model
// it stands for (`WT` on some models).
import type { ByteLink } from '../../drivers/byte-link';
import { SimulatedScale } from '../mt-sics/simulated-scale';
import { encodeAndStandard } from './and-standard-codec';

/** How the simulated model writes its lines: decimals shown (2 by default) and its stable header. */
export interface AndStandardSimulatorOptions {
  readonly decimals?: number;
  readonly stableHeader?: 'ST' | 'WT';
}

/** A simulated A&D scale on the device side of a link. */
export class AndStandardSimulator extends SimulatedScale {
  constructor(
    link: ByteLink,
    private readonly options: AndStandardSimulatorOptions = {},
  ) {
    super(link, { garbage: '\x7f\x13@@\r\n', truncatedLength: 7, corruptDigit: '?' });
  }

  protected async command(command: string): Promise<void> {
    if (command === 'Q' || command === 'S' || command === 'SI') {
      if (this.fault === 'overload') return this.send(encodeAndStandard('OL', null));
      if (this.fault === 'error') return this.send('QT,+00000001 PC');
      const reading = this.nextReading();
      const header = reading.stable ? (this.options.stableHeader ?? 'ST') : 'US';
      return this.send(encodeAndStandard(header, reading.kg, this.options.decimals));
    }
    // Z and T are acknowledged by the next weight line only; nothing to send.
  }
}
