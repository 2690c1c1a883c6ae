import { describe, expect, it } from 'vitest';
import {
  decodeNoninDf2Frame,
  decodeNoninPacket,
  encodeNoninFrame,
  encodeNoninPacket,
  type NoninFrame,
} from './nonin-df2-codec';

const hex = (text: string) => Uint8Array.from(text.split(/\s+/).map((h) => parseInt(h, 16)));

describe('Nonin Data Format #2 frames', () => {
  it.each([
    // The published capture (DEVICES.md): sync frame, HR LSB 61, SpO2 97, firmware revision 0x29.
    ['01 81 00 00 82', { sync: true, data: 0x00, perfusion: 'none' }],
    ['01 80 00 3D BE', { sync: false, data: 61, perfusion: 'none' }],
    ['01 80 00 61 E2', { sync: false, data: 97, perfusion: 'none' }],
    ['01 80 00 29 AA', { sync: false, data: 0x29, perfusion: 'none' }],
    // Green perfusion (bits 2..1 both set), artifact, sensor disconnected, out of track.
    ['01 86 40 00 C7', { sync: false, data: 0, perfusion: 'good' }],
    ['01 A2 00 00 A3', { sync: false, data: 0, perfusion: 'low', artifact: true }],
    ['01 C0 00 00 C1', { sync: false, data: 0, perfusion: 'none', sensorDisconnected: true }],
    ['01 94 00 00 95', { sync: false, data: 0, perfusion: 'marginal', outOfTrack: true }],
  ] as const)('%s decodes', (frame, expected) => {
    const decoded = decodeNoninDf2Frame(hex(frame));
    expect(decoded).not.toBeNull();
    const { data, ...status } = expected;
    expect(decoded?.data).toBe(data);
    expect(decoded?.status).toMatchObject(status);
  });

  it.each([
    ['bad checksum', '01 80 00 3D BF'],
    ['no start byte', '02 80 00 3D BF'],
    ['status bit 7 clear', '01 00 00 3D 3E'],
    ['truncated', '01 80 00 3D'],
  ])('refuses a frame with %s', (_why, frame) => {
    expect(decodeNoninDf2Frame(hex(frame))).toBeNull();
  });

  it('round-trips what the simulator encodes', () => {
    const frame = encodeNoninFrame({ sync: true, artifact: true, perfusion: 'marginal' }, 200, 97);
    expect(decodeNoninDf2Frame(frame)?.status).toMatchObject({
      sync: true,
      artifact: true,
      perfusion: 'marginal',
    });
  });
});

describe('Nonin Data Format #2 packets', () => {
  const framesOf = (bytes: Uint8Array): NoninFrame[] =>
    Array.from({ length: bytes.length / 5 }, (_, i) =>
      decodeNoninDf2Frame(bytes.subarray(i * 5, i * 5 + 5))!,
    );

  it('reads HR 61 and SpO2 97 from the published capture completed to a packet', () => {
    const capture = hex('01 81 00 00 82 01 80 00 3D BE 01 80 00 61 E2 01 80 00 29 AA');
    const filler = Array.from({ length: 21 }, () => hex('01 80 00 00 81'));
    const frames = [...framesOf(capture), ...filler.map((f) => decodeNoninDf2Frame(f)!)];
    expect(decodeNoninPacket(frames)).toMatchObject({
      heartRate: 61,
      spo2: 97,
      firmwareRevision: 0x29,
      sensorDisconnected: false,
      perfusion: 'none',
    });
  });

  it.each([
    [
      { heartRate: 72, spo2: 98 },
      { heartRate: 72, spo2: 98, heartRateDisplay: 72, spo2Display: 98 },
    ],
    [
      { heartRate: 300, spo2: 85 },
      { heartRate: 300, spo2: 85 },
    ],
    [
      { heartRate: null, spo2: null },
      { heartRate: null, spo2: null },
    ],
  ] as const)('decodes a packet carrying %o', (input, expected) => {
    expect(decodeNoninPacket(framesOf(encodeNoninPacket(input)))).toMatchObject(expected);
  });

  it('refuses frames that do not start with the sync frame', () => {
    const frames = framesOf(encodeNoninPacket({ heartRate: 72, spo2: 98 }));
    expect(decodeNoninPacket([...frames.slice(1), frames[0]!])).toBeNull();
  });
});
