// A Mettler Toledo balance in software: answers MT-SICS commands on any ByteLink as a real one does (`SI`
// answered with an `S` reply, `@` with `I4 A "serial"`), sends that line unprompted when switched on
// (`powerOn()`), and misbehaves on demand.
import type { ByteLink } from '../../drivers/byte-link';
import { encodeMtSicsIdentity, encodeMtSicsWeight } from './mt-sics-codec';
import { SimulatedScale } from './simulated-scale';

/** What the simulated balance answers to `I2` (type and capacity), `I3` (software) and `I4` (serial number). */
export interface MtSicsSimulatorIdentity {
  readonly type: string;
  readonly software: string;
  readonly serialNumber: string;
}

/** The simulated balance's identity unless told otherwise. */
export const MT_SICS_SIMULATOR_IDENTITY: MtSicsSimulatorIdentity = {
  type: 'SIM-SCALE 300.000 kg',
  software: '1.0 10.28.0.493.142',
  serialNumber: 'SIMULATED01',
};

/** A simulated MT-SICS scale on the device side of a link. */
export class MtSicsSimulator extends SimulatedScale {
  constructor(
    link: ByteLink,
    private readonly identity: MtSicsSimulatorIdentity = MT_SICS_SIMULATOR_IDENTITY,
  ) {
    super(link, { garbage: '\x00\xff#!~\r\n', truncatedLength: 6, corruptDigit: '#' });
  }

  /** The balance switched on: it sends `I4 A "serial"` unprompted, as MT-SICS balances do at power-on. */
  powerOn(): Promise<void> {
    return this.send(encodeMtSicsIdentity('I4', this.identity.serialNumber));
  }

  protected async command(command: string): Promise<void> {
    switch (command) {
      case 'S':
      case 'SI': {
        if (this.fault === 'overload') return this.send(`${command} +`);
        if (this.fault === 'error') return this.send('EL');
        const reading = this.nextReading();
        // A real balance answers `SI` with an `S` reply (`S D     129.07 g`).
        return this.send(encodeMtSicsWeight('S', reading.stable, reading.kg));
      }
      case 'Z':
      case 'T':
        return this.send(`${command} A`);
      case '@':
        this.polls = 0;
        return this.send(encodeMtSicsIdentity('I4', this.identity.serialNumber));
      case 'I2':
        return this.send(encodeMtSicsIdentity('I2', this.identity.type));
      case 'I3':
        return this.send(encodeMtSicsIdentity('I3', this.identity.software));
      case 'I4':
        return this.send(encodeMtSicsIdentity('I4', this.identity.serialNumber));
      default:
        return this.send('ES');
    }
  }
}
