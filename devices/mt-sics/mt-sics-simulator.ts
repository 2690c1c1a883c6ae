// A Mettler Toledo balance in software: answers MT-SICS commands on any ByteLink and misbehaves on demand.
import type { ByteLink } from '../../drivers/byte-link';
import { encodeMtSicsWeight } from './mt-sics-codec';
import { SimulatedScale } from './simulated-scale';

/** A simulated MT-SICS scale on the device side of a link. */
export class MtSicsSimulator extends SimulatedScale {
  constructor(link: ByteLink) {
    super(link, { garbage: '\x00\xff#!~\r\n', truncatedLength: 6, corruptDigit: '#' });
  }

  protected async command(command: string): Promise<void> {
    switch (command) {
      case 'S':
      case 'SI': {
        if (this.fault === 'overload') return this.send(`${command} +`);
        if (this.fault === 'error') return this.send('EL');
        const reading = this.nextReading();
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
}
