// Nonin Data Format #2 (Xpod / OEM III, 9600 8N1): 5-byte frames `01 STATUS PLETH DATA CHK`, 75 frames a
// second, 25 frames a packet. Layout from DEVICES.md (Nonin OEM III specification, Data Format #2), learnt
// from the public receivers edmund-troche/spo2.nonin `frame.txt` and pez-globo/pufferfish-software.
// Pure: bytes in, values out.

/** Length of one Data Format #2 frame. */
export const NONIN_FRAME_LENGTH = 5;
/** Frames in one packet; the first carries the sync bit. */
export const NONIN_PACKET_FRAMES = 25;
/** Heart rate value meaning "no value" (9 bits all set). */
export const NONIN_NO_HEART_RATE = 511;
/** SpO2 value meaning "no value". */
export const NONIN_NO_SPO2 = 127;

/**
 * Signal quality from STATUS bits 2..1: red (low), yellow (marginal), green (good) perfusion, or 'none'
 * (both bits clear): no indication at this instant. The oximeter sets the bits only during the ~160 ms
 * of a pulse (12 frames), so most frames of a good reading carry STATUS 0x80.
 */
export type NoninPerfusion = 'none' | 'low' | 'marginal' | 'good';

/** The STATUS byte of one frame. */
export interface NoninStatus {
  /** Bit 0: first frame of a packet. */
  readonly sync: boolean;
  /** Bit 6: sensor disconnected (no finger, or the clip unplugged). */
  readonly sensorDisconnected: boolean;
  /** Bit 5: artifact (motion) in the last pulse. */
  readonly artifact: boolean;
  /** Bit 4: out of track, no consecutive good pulses. */
  readonly outOfTrack: boolean;
  /** Bit 3: sensor alarm (device providing unusable data). */
  readonly sensorAlarm: boolean;
  readonly perfusion: NoninPerfusion;
}

/** One decoded Data Format #2 frame. */
export interface NoninFrame {
  readonly status: NoninStatus;
  readonly pleth: number;
  readonly data: number;
}

/** The values of one 25-frame packet (null where the oximeter says "no value"). */
export interface NoninPacket {
  readonly heartRate: number | null;
  readonly spo2: number | null;
  readonly spo2Display: number | null;
  readonly heartRateDisplay: number | null;
  readonly firmwareRevision: number;
  /** Each flag: set in any of the packet's frames. */
  readonly sensorDisconnected: boolean;
  readonly artifact: boolean;
  readonly outOfTrack: boolean;
  readonly sensorAlarm: boolean;
  /** The worst indication the packet's frames carry; 'none' when no frame fell during a pulse. */
  readonly perfusion: NoninPerfusion;
}

/** True when the bytes are one well-formed frame: start byte 01, STATUS bit 7 set, checksum right. */
export function isNoninFrame(bytes: Uint8Array): boolean {
  if (bytes.length !== NONIN_FRAME_LENGTH || bytes[0] !== 0x01) return false;
  const status = bytes[1] ?? 0;
  // CHK = sum of the first four bytes modulo 256 (Data Format #2).
  const sum = (0x01 + status + (bytes[2] ?? 0) + (bytes[3] ?? 0)) & 0xff;
  return (status & 0x80) !== 0 && sum === bytes[4];
}

/** Decodes one 5-byte frame; null when it is not a well-formed frame. */
export function decodeNoninDf2Frame(bytes: Uint8Array): NoninFrame | null {
  if (!isNoninFrame(bytes)) return null;
  const status = bytes[1] ?? 0;
  const perfusionBits = (status >> 1) & 0x03;
  return {
    status: {
      sync: (status & 0x01) !== 0,
      sensorDisconnected: (status & 0x40) !== 0,
      artifact: (status & 0x20) !== 0,
      outOfTrack: (status & 0x10) !== 0,
      sensorAlarm: (status & 0x08) !== 0,
      // Bit 1 red (low) and bit 2 yellow (marginal) perfusion; both set is green (good).
      perfusion: (['none', 'low', 'marginal', 'good'] as const)[perfusionBits] ?? 'none',
    },
    pleth: bytes[2] ?? 0,
    data: bytes[3] ?? 0,
  };
}

const PERFUSION_BITS: Record<NoninPerfusion, number> = { none: 0, low: 1, marginal: 2, good: 3 };
// 'none' is the absence of an indication, not a worse one: it never outranks an indication seen.
const PERFUSION_RANK: Record<NoninPerfusion, number> = { low: 0, marginal: 1, good: 2, none: 3 };

/** The worst of two perfusion indications; 'none' (no indication) only when neither carries one. */
export function worsePerfusion(a: NoninPerfusion, b: NoninPerfusion): NoninPerfusion {
  return PERFUSION_RANK[b] < PERFUSION_RANK[a] ? b : a;
}

/** Decodes a packet of 25 frames starting with the sync frame; null when the frames are not one packet. */
export function decodeNoninPacket(frames: readonly NoninFrame[]): NoninPacket | null {
  if (frames.length !== NONIN_PACKET_FRAMES || frames[0]?.status.sync !== true) return null;
  if (frames.slice(1).some((frame) => frame.status.sync)) return null;
  // DATA by frame number (1-based): 1-2 HR (2 high bits, 7 low bits), 3 SpO2, 4 firmware revision,
  // 9 SpO2 display, 20-21 HR display.
  const data = (frameNumber: number): number => frames[frameNumber - 1]?.data ?? 0;
  const nineBits = (high: number, low: number) => ((data(high) & 0x03) << 7) | (data(low) & 0x7f);
  const heartRate = (value: number) => (value === NONIN_NO_HEART_RATE ? null : value);
  const spo2 = (value: number) => (value === NONIN_NO_SPO2 ? null : value);
  const statuses = frames.map((frame) => frame.status);
  return {
    heartRate: heartRate(nineBits(1, 2)),
    spo2: spo2(data(3) & 0x7f),
    firmwareRevision: data(4),
    spo2Display: spo2(data(9) & 0x7f),
    heartRateDisplay: heartRate(nineBits(20, 21)),
    sensorDisconnected: statuses.some((s) => s.sensorDisconnected),
    artifact: statuses.some((s) => s.artifact),
    outOfTrack: statuses.some((s) => s.outOfTrack),
    sensorAlarm: statuses.some((s) => s.sensorAlarm),
    perfusion: statuses.reduce<NoninPerfusion>((worst, s) => worsePerfusion(worst, s.perfusion), 'none'),
  };
}

/** Status flags a simulator (or a test) writes into a frame. */
export type NoninStatusInput = Partial<Omit<NoninStatus, 'perfusion'>> & {
  readonly perfusion?: NoninPerfusion;
};

/** Encodes one frame (the simulator's side of the codec). */
export function encodeNoninFrame(status: NoninStatusInput, pleth: number, data: number): Uint8Array {
  const perfusionBits = PERFUSION_BITS[status.perfusion ?? 'good'];
  const statusByte =
    0x80 |
    (status.sync === true ? 0x01 : 0) |
    (status.sensorDisconnected === true ? 0x40 : 0) |
    (status.artifact === true ? 0x20 : 0) |
    (status.outOfTrack === true ? 0x10 : 0) |
    (status.sensorAlarm === true ? 0x08 : 0) |
    (perfusionBits << 1);
  const bytes = Uint8Array.of(0x01, statusByte, pleth & 0xff, data & 0xff, 0);
  bytes[4] = (0x01 + statusByte + (pleth & 0xff) + (data & 0xff)) & 0xff;
  return bytes;
}

/** The values a simulated packet carries. */
export interface NoninPacketInput {
  readonly heartRate: number | null;
  readonly spo2: number | null;
  readonly firmwareRevision?: number;
  readonly status?: NoninStatusInput;
  /**
   * Frame numbers (1..25) that fall during a pulse: only they carry `status.perfusion`, the others no
   * indication, as the real oximeter sends. Every frame carries it when absent.
   */
  readonly pulseFrames?: readonly number[];
}

/** Encodes the 125 bytes of one packet; pleth follows a simple pulse wave. */
export function encodeNoninPacket(packet: NoninPacketInput, plethPhase = 0): Uint8Array {
  const hr = packet.heartRate ?? NONIN_NO_HEART_RATE;
  const spo2 = packet.spo2 ?? NONIN_NO_SPO2;
  const dataOf = (frameNumber: number): number => {
    switch (frameNumber) {
      case 1:
      case 20:
        return (hr >> 7) & 0x03;
      case 2:
      case 21:
        return hr & 0x7f;
      case 3:
      case 9:
        return spo2;
      case 4:
        return packet.firmwareRevision ?? 0x29;
      default:
        return 0;
    }
  };
  const bytes = new Uint8Array(NONIN_FRAME_LENGTH * NONIN_PACKET_FRAMES);
  for (let n = 1; n <= NONIN_PACKET_FRAMES; n += 1) {
    const pleth = Math.round(128 + 100 * Math.sin(((plethPhase + n) / NONIN_PACKET_FRAMES) * Math.PI));
    const duringPulse = packet.pulseFrames === undefined || packet.pulseFrames.includes(n);
    const perfusion = duringPulse ? packet.status?.perfusion : 'none';
    const status: NoninStatusInput = { ...packet.status, sync: n === 1, ...(perfusion ? { perfusion } : {}) };
    const frame = encodeNoninFrame(status, pleth, dataOf(n));
    bytes.set(frame, (n - 1) * NONIN_FRAME_LENGTH);
  }
  return bytes;
}
