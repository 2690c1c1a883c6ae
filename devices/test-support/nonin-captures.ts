// Whole Data Format #2 packets as real Nonin oximeters sent them, from public sources, and variants of
// them with the perfusion bits a pulse sets. Test data only.
import { hex } from './frames';

/** One frame's bytes with its checksum recomputed after STATUS was changed. */
function withStatus(frame: Uint8Array, status: number): Uint8Array {
  const bytes = Uint8Array.from(frame);
  bytes[1] = status;
  bytes[4] = (0x01 + status + (bytes[2] ?? 0) + (bytes[3] ?? 0)) & 0xff;
  return bytes;
}

/** The 25 frames of `packet` (125 bytes). */
export function framesOfPacket(packet: Uint8Array): Uint8Array[] {
  return Array.from({ length: packet.length / 5 }, (_, i) => packet.subarray(i * 5, i * 5 + 5));
}

/**
 * A whole packet from an Xpod (edmund-troche/spo2.nonin `frame.txt`): no perfusion indication in any frame
 * (STATUS 0x81 then 0x80), pleth 0; HR 61, SpO2 97, firmware revision 0x29, SpO2 display 97, HR display
 * 61. The first four frames are DEVICES.md's capture.
 */
export const XPOD_PACKET = hex(
  '01 81 00 00 82 01 80 00 3D BE 01 80 00 61 E2 01 80 00 29 AA 01 80 00 61 E2 ' +
    '01 80 00 00 81 01 80 00 00 81 01 80 00 00 81 01 80 00 61 E2 01 80 00 61 E2 ' +
    '01 80 00 62 E3 01 80 00 00 81 01 80 00 00 81 01 80 00 00 81 01 80 00 3E BF ' +
    '01 80 00 62 E3 01 80 00 61 E2 01 80 00 00 81 01 80 00 00 81 01 80 00 00 81 ' +
    '01 80 00 3D BE 01 80 00 00 81 01 80 00 3E BF 01 80 00 00 81 01 80 00 00 81',
);

/**
 * The valid packet of pez-globo/pufferfish-software `TestNoninOEM3.cpp` (a Nonin OEM III): STATUS 0x80
 * in every frame but the sync frame, pleth 1; HR 72, SpO2 97, revision 48, SpO2 display 97, HR display 72.
 */
export const OEM3_PACKET = hex(
  '01 81 01 00 83 01 80 01 48 CA 01 80 01 61 E3 01 80 01 30 B2 01 80 01 00 82 ' +
    '01 80 01 00 82 01 80 01 00 82 01 80 01 00 82 01 80 01 61 E3 01 80 01 61 E3 ' +
    '01 80 01 61 E3 01 80 01 00 82 01 80 01 00 82 01 80 01 00 82 01 80 01 48 CA ' +
    '01 80 01 61 E3 01 80 01 61 E3 01 80 01 00 82 01 80 01 00 82 01 80 01 00 82 ' +
    '01 80 01 48 CA 01 80 01 00 82 01 80 01 48 CA 01 80 01 00 82 01 80 01 00 82',
);

/** Perfusion bits 2..1 of STATUS: red (low), yellow (marginal), green (good). */
export const PERFUSION_STATUS_BITS = { low: 0x02, marginal: 0x04, good: 0x06 } as const;

/**
 * `packet` with the perfusion bits `bits` set in the frames numbered `from`..`to` (1-based, a pulse's
 * 160 ms is 12 frames), checksums recomputed: the same packet as it is sent when a pulse falls in it.
 */
export function withPulse(packet: Uint8Array, bits: number, from: number, to: number): Uint8Array {
  const out = Uint8Array.from(packet);
  framesOfPacket(packet).forEach((frame, i) => {
    const n = i + 1;
    if (n >= from && n <= to) out.set(withStatus(frame, (frame[1] ?? 0x80) | bits), i * 5);
  });
  return out;
}
