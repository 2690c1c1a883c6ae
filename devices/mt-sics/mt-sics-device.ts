// The MT-SICS scale on its link: polled with `SI` (immediate weight) so that the patient sees progress
// while the weight settles; `S` would block until stable (MT-SICS reference manual, command S).
import type { Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { decodeMtSics, encodeMtSicsCommand, type MtSicsReply } from './mt-sics-codec';
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
      return reply.status === 'done' ? null : { type: reply.status };
    case 'error':
      // ET (transmission error: a corrupted command reached the scale) is worth another poll.
      return reply.error === 'transmission'
        ? { type: 'busy' }
        : { type: 'error', detail: `MT-SICS ${reply.error} error` };
    case 'identity':
      return null;
  }
}

/** A Mettler Toledo MT-SICS scale on a byte link. */
export class MtSicsDevice extends PolledScaleDevice<MtSicsReply> {
  constructor(link: ByteLink, clock: Clock, options: Partial<PolledScaleSettings> = {}) {
    super(link, clock, crLfScaleProtocol(encodeMtSicsCommand('SI'), decodeMtSics, mtSicsReading), options);
  }
}
