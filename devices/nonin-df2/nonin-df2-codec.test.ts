import { describe, expect, it } from 'vitest';
import {
  decodeNoninDf2Frame,
  decodeNoninPacket,
  encodeNoninFrame,
  encodeNoninPacket,
  type NoninFrame,
} from './nonin-df2-codec';
import {
  framesOfPacket,
  OEM3_PACKET,
  PERFUSION_STATUS_BITS,
  withPulse,
  XPOD_PACKET,
} from '../test-support/nonin-captures';

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

describe('Nonin packets as real oximeters send them', () => {
  const decodePacket = (bytes: Uint8Array) =>
    decodeNoninPacket(framesOfPacket(bytes).map((frame) => decodeNoninDf2Frame(frame)!));

  it.each([
    ['an Xpod (spo2.nonin frame.txt)', XPOD_PACKET, { heartRate: 61, spo2: 97, firmwareRevision: 0x29 }],
    ['an OEM III (pufferfish TestNoninOEM3)', OEM3_PACKET, { heartRate: 72, spo2: 97, firmwareRevision: 48 }],
  ] as const)('every frame of the packet from %s is well formed', (_from, packet, values) => {
    expect(framesOfPacket(packet).every((frame) => decodeNoninDf2Frame(frame) !== null)).toBe(true);
    expect(decodePacket(packet)).toMatchObject({
      ...values,
      spo2Display: values.spo2,
      heartRateDisplay: values.heartRate,
      sensorDisconnected: false,
      artifact: false,
      outOfTrack: false,
      sensorAlarm: false,
    });
  });

  it.each([
    ['no frame during a pulse (STATUS 0x80)', XPOD_PACKET, 'none'],
    ['a pulse in green', withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.good, 6, 17), 'good'],
    ['a pulse in yellow', withPulse(OEM3_PACKET, PERFUSION_STATUS_BITS.marginal, 14, 25), 'marginal'],
    ['a pulse in red', withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.low, 1, 12), 'low'],
    [
      'a green pulse ending and a red one starting',
      withPulse(withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.good, 1, 6), PERFUSION_STATUS_BITS.low, 20, 25),
      'low',
    ],
  ] as const)('a packet with %s reads perfusion %s', (_what, packet, perfusion) => {
    expect(decodePacket(packet)).toMatchObject({ heartRate: expect.any(Number) as unknown, perfusion });
  });

  it('sets the perfusion bits only on the frames a pulse covers', () => {
    const packet = encodeNoninPacket({
      heartRate: 61,
      spo2: 97,
      status: { perfusion: 'low' },
      pulseFrames: [5, 6, 7],
    });
    const statuses = framesOfPacket(packet).map((frame) => frame[1]);
    expect(statuses[0]).toBe(0x81);
    expect(statuses.slice(4, 7)).toEqual([0x82, 0x82, 0x82]);
    expect(statuses.filter((status) => status === 0x80)).toHaveLength(21);
  });
});
