// An A&D scale in software: answers `Q`, `S`, `SI`, `Z`, `T` in the standard format on any ByteLink.
import type { ByteLink } from '../../drivers/byte-link';
import { SimulatedScale } from '../mt-sics/simulated-scale';
import { encodeAndStandard } from './and-standard-codec';

/** A simulated A&D scale on the device side of a link. */
export class AndStandardSimulator extends SimulatedScale {
  constructor(link: ByteLink) {
    super(link, { garbage: '\x7f\x13@@\r\n', truncatedLength: 7, corruptDigit: '?' });
  }

  protected async command(command: string): Promise<void> {
    if (command === 'Q' || command === 'S' || command === 'SI') {
      if (this.fault === 'overload') return this.send(encodeAndStandard('OL', null));
      if (this.fault === 'error') return this.send('QT,+00000001 PC');
      const reading = this.nextReading();
      return this.send(encodeAndStandard(reading.stable ? 'ST' : 'US', reading.kg));
    }
    // Z and T are acknowledged by the next weight line only; nothing to send.
  }
}
