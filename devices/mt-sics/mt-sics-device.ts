// The MT-SICS scale on its link: polled with `SI` (immediate weight) so that the patient sees progress
// while the weight settles; `S` would block until stable (MT-SICS reference manual, command S).
import { ok, type Clock, type DeviceIdentity, type Result } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { identityOf } from '../device-identity';
import { decodeMtSics, encodeMtSicsCommand, mtSicsIdentityFields, type MtSicsReply } from './mt-sics-codec';
import {
  crLfScaleProtocol,
  PolledScaleDevice,
  type PolledScaleSettings,
  type ScaleReading,
} from './polled-scale-device';

/** Reduces an MT-SICS reply to what a weight measurement needs. */
function mtSicsReading(reply: MtSicsReply): ScaleReading | null {
  switch (reply.type) {
    case 'weight':
      return reply.kg === null
        ? { type: 'error', detail: `unit ${reply.unit}` }
        : { type: 'weight', stable: reply.stable, kg: reply.kg };
    case 'status':
      if (reply.status === 'refused') return { type: 'error', detail: 'MT-SICS command not executable' };
      return reply.status === 'done' ? null : { type: reply.status };
    case 'error':
      // ET (transmission error: a corrupted command reached the scale) is worth another poll.
      return reply.error === 'transmission'
        ? { type: 'busy' }
        : { type: 'error', detail: `MT-SICS ${reply.error} error` };
    case 'identity':
      // Also the `I4 A "serial"` a balance sends unprompted at power-on: not an answer to a poll.
      return null;
  }
}

/** A Mettler Toledo MT-SICS scale on a byte link. */
export class MtSicsDevice extends PolledScaleDevice<MtSicsReply> {
  constructor(link: ByteLink, clock: Clock, options: Partial<PolledScaleSettings> = {}) {
    super(link, clock, crLfScaleProtocol(encodeMtSicsCommand('SI'), decodeMtSics, mtSicsReading), options);
  }

  /**
   * Asks `I2` (type and capacity), `I3` (software version), `I4` (serial number), one after the other; a
   * command the balance refuses (`ES`, `I2 I`) leaves its field null; no answer at all is `device.noAnswer`.
   */
  override async identify(): Promise<Result<DeviceIdentity>> {
    const I2 = await this.ask('I2');
    const I3 = await this.ask('I3');
    const I4 = await this.ask('I4');
    if (I2 === undefined && I3 === undefined && I4 === undefined) return this.noAnswer();
    return ok(identityOf('device', mtSicsIdentityFields({ I2: I2 ?? null, I3: I3 ?? null, I4: I4 ?? null })));
  }

  /** One identity command's reply text; null when refused, undefined when unanswered. */
  private async ask(command: 'I2' | 'I3' | 'I4'): Promise<string | null | undefined> {
    const reply = await this.nextFrame(
      this.settings.replyMs,
      (frame) =>
        (frame.type === 'identity' && frame.command === command) ||
        frame.type === 'error' ||
        (frame.type === 'status' && frame.command === command),
      encodeMtSicsCommand(command),
    );
    if (reply === null) return undefined;
    return reply.type === 'identity' ? reply.text : null;
  }
}
