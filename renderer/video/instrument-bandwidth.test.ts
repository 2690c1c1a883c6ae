// The face's share of the uplink while an instrument camera is on, on a sender double with the
// browser's getParameters/setParameters shape.
import { describe, expect, it } from 'vitest';
import { FACE_BESIDE_INSTRUMENT, shareWithInstrument } from './instrument-bandwidth';

function senderWith(encodings: RTCRtpEncodingParameters[], refuse = false) {
  const set: RTCRtpSendParameters[] = [];
  const sender = {
    getParameters: () => ({ transactionId: 't', encodings, codecs: [], headerExtensions: [], rtcp: {} }),
    setParameters: (parameters: RTCRtpSendParameters) => {
      if (refuse) return Promise.reject(new Error('InvalidModificationError'));
      set.push(parameters);
      return Promise.resolve();
    },
  } as unknown as RTCRtpSender;
  return { sender, set };
}

describe('the face beside an instrument camera', () => {
  it('is sent at half its size and a small bitrate while the instrument is on, and gets its share back after', async () => {
    const { sender, set } = senderWith([{ active: true, maxBitrate: 1_500_000 }]);
    await shareWithInstrument(sender, true);
    expect(set.at(-1)?.encodings).toEqual([{ active: true, ...FACE_BESIDE_INSTRUMENT }]);
    await shareWithInstrument(sender, false);
    expect(set.at(-1)?.encodings).toEqual([{ active: true }]);
  });

  it('keeps sending as it was when the browser refuses, or before the face is negotiated', async () => {
    await expect(
      shareWithInstrument(senderWith([{ active: true }], true).sender, true),
    ).resolves.toBeUndefined();
    const unnegotiated = senderWith([]);
    await shareWithInstrument(unnegotiated.sender, true);
    expect(unnegotiated.set).toEqual([]);
  });
});
