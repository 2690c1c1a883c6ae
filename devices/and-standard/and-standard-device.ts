// The A&D scale on its link: polled with `Q` (output the current weight at once), read as stable on `ST`.
import type { Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import {
  crLfScaleProtocol,
  PolledScaleDevice,
  type PolledScaleSettings,
  type ScaleReading,
} from '../mt-sics/polled-scale-device';
import { decodeAndStandard, encodeAndCommand, type AndStandardFrame } from './and-standard-codec';

/** Reduces an A&D line to what a weight measurement needs. */
function andStandardReading(frame: AndStandardFrame): ScaleReading | null {
  if (frame.header === 'OL') return { type: 'overload' };
  if (frame.header === 'QT') return { type: 'error', detail: 'scale in counting mode' };
  if (frame.kg === null) return { type: 'error', detail: `unit ${frame.unit}` };
  // WT: the stable weight header some A&D models send in place of ST.
  return { type: 'weight', stable: frame.header === 'ST' || frame.header === 'WT', kg: frame.kg };
}

/** An A&D scale speaking the standard format on a byte link. */
export class AndStandardDevice extends PolledScaleDevice<AndStandardFrame> {
  constructor(link: ByteLink, clock: Clock, options: Partial<PolledScaleSettings> = {}) {
    super(
      link,
      clock,
      crLfScaleProtocol(encodeAndCommand('Q'), decodeAndStandard, andStandardReading),
      options,
    );
  }
}
