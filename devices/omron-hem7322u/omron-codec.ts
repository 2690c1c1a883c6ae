// Omron HEM-7322U / HEM-7131U memory download over USB HID: pure encoding and decoding of the reports.
//
// Source (learned from, not copied): LazyT/obpm `usb.cpp`, summarised in docs/DEVICES.md.
// - A report is `02 LEN CMD …  CRC`: LEN (byte 1) counts bytes 1..LEN, the CRC sits at byte LEN and is
//   the XOR of bytes 1..LEN-1 (obpm's `buildCRC`). Byte 0 is 0x02 in every command obpm sends.
// - Commands: init `02 08 00 00 00 00 10 00 18`, read `02 08 01 00 AH AL 28 00 CRC` (40 bytes from AH:AL),
//   end `02 08 0F 00 00 00 00 00 07`, abort `02 08 0F 0F 0F 0F 00 00 08`.
// - Memory: user 1 from 0x02AC, user 2 right after it, 100 records of 14 bytes each (HEM-7322U).
// - Record: [0] DIA, [1] SYS−25, [2] year−2000, [3] pulse, date packed in [4..7]; a slot is empty when
//   [0], [1] or [2] is 0xFF (obpm's test: a slot half erased is no reading).
// - Replies: obpm only says that the 40 data bytes of a read reply start at byte 7 and that a reply is
//   dumped as LEN+1 bytes, and treats any report within 1 s as the answer to init. The rest of the
//   reply layout below (`02 30 81 00 AH AL 28 <40 data> 00 CRC`, acks `02 08 8x 00 00 00 00 00 CRC`) is
//   reconstructed on the command's pattern; the decoder checks LEN, CRC and the address and ignores
//   byte 0 and the reply code of acks, so that a real device's variant of them still decodes; the device
//   class, like obpm, takes any report within the time as the answer to init and end.
import { err, ok, type CabinError, type Result } from '../../contract';

/** First byte of user 1's records (obpm `readRawData`). */
export const OMRON_MEMORY_START = 0x02ac;
/** Bytes asked by one read command (0x28). */
export const OMRON_BLOCK_SIZE = 40;
/** Bytes of one stored measurement. */
export const OMRON_RECORD_SIZE = 14;
/** Records kept per user by the HEM-7322U (obpm: `mem = 100`). */
export const OMRON_RECORDS_PER_USER = 100;
/** Users (memory banks) of the device. */
export const OMRON_USERS = 2;
/** Read commands needed to download both users' memory: 2 × 14 × 100 / 40 = 70. */
export const OMRON_BLOCK_COUNT =
  (OMRON_USERS * OMRON_RECORD_SIZE * OMRON_RECORDS_PER_USER) / OMRON_BLOCK_SIZE;

const COMMAND_INIT = 0x00;
const COMMAND_READ = 0x01;
const COMMAND_END = 0x0f;
const REPLY_READ = 0x81;
// Offset of the 40 data bytes in a read reply (obpm copies `rawdata[7]`).
const REPLY_DATA_OFFSET = 7;

/** A command the host sends to the device. */
export type OmronCommand =
  | { readonly type: 'init' }
  | { readonly type: 'read'; readonly address: number; readonly size: number }
  | { readonly type: 'end' }
  | { readonly type: 'abort' };

/** A reply of the device: an acknowledgement (init, end) or a block of memory. */
export type OmronReply =
  | { readonly type: 'ack'; readonly code: number }
  | { readonly type: 'block'; readonly address: number; readonly data: Uint8Array };

/** One stored measurement, as the device keeps it (no seconds, no time zone: the device's clock). */
export interface OmronRecord {
  readonly systolic: number;
  readonly diastolic: number;
  readonly pulse: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** XOR of bytes 1..LEN-1 of a report whose LEN is at byte 1 (obpm `buildCRC`). */
export function omronChecksum(report: Uint8Array): number {
  const length = report[1] ?? 0;
  let crc = 0;
  for (let i = 1; i < length; i += 1) crc ^= report[i] ?? 0;
  return crc;
}

// Builds `02 LEN body… CRC` with LEN = body length + 2 (LEN itself and the CRC).
function frame(body: readonly number[]): Uint8Array {
  const report = Uint8Array.from([0x02, body.length + 2, ...body, 0]);
  report[report.length - 1] = omronChecksum(report);
  return report;
}

/** The init command `02 08 00 00 00 00 10 00 18` that opens a download. */
export function encodeInit(): Uint8Array {
  return frame([COMMAND_INIT, 0x00, 0x00, 0x00, 0x10, 0x00]);
}

/** The read command for 40 bytes at `address`: `02 08 01 00 AH AL 28 00 CRC`. */
export function encodeReadBlock(address: number): Uint8Array {
  return frame([COMMAND_READ, 0x00, (address >> 8) & 0xff, address & 0xff, OMRON_BLOCK_SIZE, 0x00]);
}

/** The end command `02 08 0F 00 00 00 00 00 07` that closes a download. */
export function encodeEnd(): Uint8Array {
  return frame([COMMAND_END, 0x00, 0x00, 0x00, 0x00, 0x00]);
}

/** The abort command `02 08 0F 0F 0F 0F 00 00 08` (obpm `cmd_fail`), sent when a download is given up. */
export function encodeAbort(): Uint8Array {
  return frame([COMMAND_END, 0x0f, 0x0f, 0x0f, 0x00, 0x00]);
}

// Checks LEN and CRC of a report; answers its LEN.
function checkFrame(report: Uint8Array): Result<number> {
  const length = report[1];
  if (length === undefined || length < 3) return err(frameError('frame.truncated', report));
  if (length >= report.length) return err(frameError('frame.truncated', report));
  if (report[length] !== omronChecksum(report)) return err(frameError('frame.checksum', report));
  return ok(length);
}

/** Decodes what the host wrote (for the simulator and the technician's monitor). */
export function decodeCommand(report: Uint8Array): Result<OmronCommand> {
  const length = checkFrame(report);
  if (!length.ok) return length;
  const [, , command, b3, b4, b5, b6] = report;
  if (length.value !== 8) return err(frameError('frame.unknown', report));
  if (command === COMMAND_INIT) return ok({ type: 'init' });
  if (command === COMMAND_READ)
    return ok({ type: 'read', address: ((b4 ?? 0) << 8) | (b5 ?? 0), size: b6 ?? 0 });
  if (command === COMMAND_END) return ok(b3 === 0x0f ? { type: 'abort' } : { type: 'end' });
  return err(frameError('frame.unknown', report));
}

/** The device's acknowledgement of `command` (init or end): `02 08 8x 00 00 00 00 00 CRC`. */
export function encodeAck(command: 'init' | 'end'): Uint8Array {
  return frame([0x80 | (command === 'init' ? COMMAND_INIT : COMMAND_END), 0x00, 0x00, 0x00, 0x00, 0x00]);
}

/** The device's answer to a read: `02 30 81 00 AH AL 28 <40 data> 00 CRC`. */
export function encodeBlockReply(address: number, data: Uint8Array): Uint8Array {
  if (data.length !== OMRON_BLOCK_SIZE) throw new Error(`a block is ${OMRON_BLOCK_SIZE} bytes`);
  return frame([REPLY_READ, 0x00, (address >> 8) & 0xff, address & 0xff, OMRON_BLOCK_SIZE, ...data, 0x00]);
}

/** Decodes one input report of the device; garbage, truncated frames and bad CRCs are errors. */
export function decodeReply(report: Uint8Array): Result<OmronReply> {
  const length = checkFrame(report);
  if (!length.ok) return length;
  const code = report[2] ?? 0;
  if (code === REPLY_READ) {
    if (length.value < REPLY_DATA_OFFSET + OMRON_BLOCK_SIZE + 1 || report[6] !== OMRON_BLOCK_SIZE) {
      return err(frameError('frame.truncated', report));
    }
    const address = ((report[4] ?? 0) << 8) | (report[5] ?? 0);
    return ok({
      type: 'block',
      address,
      data: report.slice(REPLY_DATA_OFFSET, REPLY_DATA_OFFSET + OMRON_BLOCK_SIZE),
    });
  }
  if ((code & 0x80) !== 0) return ok({ type: 'ack', code });
  return err(frameError('frame.unknown', report));
}

/** Decodes one 14-byte record; answers null for an empty slot ([0], [1] or [2] 0xFF, as obpm tests it). */
export function decodeRecord(bytes: Uint8Array): OmronRecord | null {
  if (bytes.length < OMRON_RECORD_SIZE) throw new Error(`a record is ${OMRON_RECORD_SIZE} bytes`);
  const b = (i: number): number => bytes[i] ?? 0;
  if (b(0) === 0xff || b(1) === 0xff || b(2) === 0xff) return null;
  // Date packing (obpm): [4] bits 5..2 month; [4] bits 1..0 and [5] bits 7..5 day; [5] bits 4..0 hour;
  // [6] bits 3..0 and [7] bits 7..6 minute. The other bits are not documented and are ignored.
  return {
    diastolic: b(0),
    systolic: b(1) + 25,
    year: 2000 + b(2),
    pulse: b(3),
    month: (b(4) >> 2) & 0x0f,
    day: (((b(4) << 8) | b(5)) >> 5) & 0x1f,
    hour: b(5) & 0x1f,
    minute: (((b(6) << 8) | b(7)) >> 6) & 0x3f,
  };
}

/** Encodes a record as the device stores it (undocumented bits and bytes 8..13 left at zero). */
export function encodeRecord(record: OmronRecord): Uint8Array {
  const bytes = new Uint8Array(OMRON_RECORD_SIZE);
  bytes[0] = record.diastolic;
  bytes[1] = record.systolic - 25;
  bytes[2] = record.year - 2000;
  bytes[3] = record.pulse;
  bytes[4] = ((record.month & 0x0f) << 2) | ((record.day >> 3) & 0x03);
  bytes[5] = ((record.day & 0x07) << 5) | (record.hour & 0x1f);
  bytes[6] = (record.minute >> 2) & 0x0f;
  bytes[7] = (record.minute & 0x03) << 6;
  return bytes;
}

/** An empty record slot as the device leaves it: all 0xFF. */
export function emptyRecord(): Uint8Array {
  return new Uint8Array(OMRON_RECORD_SIZE).fill(0xff);
}

/** The records of each user in a downloaded memory image (both users, in slot order). */
export function decodeMemory(memory: Uint8Array): OmronRecord[][] {
  const users: OmronRecord[][] = [];
  for (let user = 0; user < OMRON_USERS; user += 1) {
    const records: OmronRecord[] = [];
    for (let slot = 0; slot < OMRON_RECORDS_PER_USER; slot += 1) {
      const start = (user * OMRON_RECORDS_PER_USER + slot) * OMRON_RECORD_SIZE;
      if (start + OMRON_RECORD_SIZE > memory.length) break;
      const record = decodeRecord(memory.subarray(start, start + OMRON_RECORD_SIZE));
      if (record) records.push(record);
    }
    users.push(records);
  }
  return users;
}

/** Orders records by the device's date, oldest first (for "the newest new record"). */
export function recordTime(record: OmronRecord): number {
  return (((record.year * 13 + record.month) * 32 + record.day) * 24 + record.hour) * 60 + record.minute;
}

function frameError(code: string, report: Uint8Array): CabinError {
  const length = Math.min(report.length, 12);
  const hex = Array.from(report.subarray(0, length), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { code, detail: `omron report ${hex}${report.length > length ? ' …' : ''}` };
}
