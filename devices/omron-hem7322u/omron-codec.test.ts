// Tables of HEM-7322U reports: the host's commands as obpm sends them, replies, and stored records.
import { describe, expect, it } from 'vitest';
import {
  decodeCommand,
  decodeMemory,
  decodeRecord,
  decodeReply,
  encodeAbort,
  encodeAck,
  encodeBlockReply,
  encodeEnd,
  encodeInit,
  encodeReadBlock,
  encodeRecord,
  OMRON_BLOCK_COUNT,
  omronChecksum,
} from './omron-codec';
import { hex, itRefuses, paddedReport, toHex } from '../test-support/frames';

// Slot 0 of a memory: 128/82 mmHg, 72 bpm, 19 Nov 2026 08:30 (date packing of obpm `usb.cpp`).
const RECORD_128_82 = '52 67 1A 48 2E 68 07 80 00 00 00 00 00 00';
const BLOCK_AT_02AC = `02 30 81 00 02 AC 28 ${RECORD_128_82} ${'FF '.repeat(26).trim()} 00 91`;

describe('commands the host sends (obpm usb.cpp, docs/DEVICES.md)', () => {
  it.each([
    ['init', encodeInit(), '02 08 00 00 00 00 10 00 18'],
    ['read at 0x02AC', encodeReadBlock(0x02ac), '02 08 01 00 02 AC 28 00 8F'],
    ['read at 0x02D4', encodeReadBlock(0x02d4), '02 08 01 00 02 D4 28 00 F7'],
    ['end', encodeEnd(), '02 08 0F 00 00 00 00 00 07'],
    ['abort', encodeAbort(), '02 08 0F 0F 0F 0F 00 00 08'],
  ])('%s is %s', (_name, bytes, expected) => {
    expect(toHex(bytes)).toBe(expected);
  });

  it.each([
    ['02 08 00 00 00 00 10 00 18', { type: 'init' }],
    ['02 08 01 00 02 AC 28 00 8F', { type: 'read', address: 0x02ac, size: 40 }],
    ['02 08 0F 00 00 00 00 00 07', { type: 'end' }],
    ['02 08 0F 0F 0F 0F 00 00 08', { type: 'abort' }],
  ])('%s decodes as the command the simulator answers', (bytes, command) => {
    expect(decodeCommand(hex(bytes))).toEqual({ ok: true, value: command });
  });

  it('the CRC is the XOR of bytes 1..7', () => {
    expect(omronChecksum(hex('02 08 01 00 02 AC 28 00 00'))).toBe(0x8f);
  });

  it('70 reads of 40 bytes cover both users (2 × 100 records × 14 bytes)', () => {
    expect(OMRON_BLOCK_COUNT).toBe(70);
  });
});

describe('replies of the device', () => {
  it.each([
    ['init ack', '02 08 80 00 00 00 00 00 88', { type: 'ack', code: 0x80 }],
    ['end ack', '02 08 8F 00 00 00 00 00 87', { type: 'ack', code: 0x8f }],
  ])('%s: %s', (_name, bytes, reply) => {
    expect(decodeReply(hex(bytes))).toEqual({ ok: true, value: reply });
    expect(toHex(encodeAck(_name.startsWith('init') ? 'init' : 'end'))).toBe(bytes);
  });

  it('a block of memory: 40 data bytes from byte 7', () => {
    const reply = decodeReply(hex(BLOCK_AT_02AC));
    expect(reply.ok && reply.value.type === 'block' && reply.value.address).toBe(0x02ac);
    expect(reply.ok && reply.value.type === 'block' && toHex(reply.value.data.subarray(0, 14))).toBe(
      RECORD_128_82,
    );
    expect(
      toHex(
        encodeBlockReply(
          0x02ac,
          reply.ok && reply.value.type === 'block' ? reply.value.data : new Uint8Array(),
        ),
      ),
    ).toBe(BLOCK_AT_02AC);
  });

  it('a block padded to 64 bytes, as node-hid hands input reports over, still decodes', () => {
    expect(decodeReply(paddedReport(BLOCK_AT_02AC)).ok).toBe(true);
  });

  itRefuses(
    (bytes) => decodeReply(hex(bytes)),
    [
      ['a bad CRC', BLOCK_AT_02AC.replace(/91$/, '92'), 'frame.checksum'],
      ['a frame cut after 20 bytes', BLOCK_AT_02AC.slice(0, 20 * 3 - 1), 'frame.truncated'],
      ['a length byte too small', '02 01 00', 'frame.truncated'],
      ['garbage with a long length byte', '5A 29 F0 C7 9E 75 4C 23 FA D1 A8', 'frame.truncated'],
      ['garbage with a short length byte', '5A 05 F0 C7 9E 75 4C 23', 'frame.checksum'],
      ['an unknown reply code', '02 08 11 00 00 00 00 00 19', 'frame.unknown'],
    ],
  );
});

describe('stored records', () => {
  it.each([
    [
      RECORD_128_82,
      { systolic: 128, diastolic: 82, pulse: 72, year: 2026, month: 11, day: 19, hour: 8, minute: 30 },
    ],
    [
      '5F 7D 19 3C 05 17 0E C0 00 00 00 00 00 00',
      { systolic: 150, diastolic: 95, pulse: 60, year: 2025, month: 1, day: 8, hour: 23, minute: 59 },
    ],
    [
      '3C 41 1A 8C 30 20 00 00 00 00 00 00 00 00',
      { systolic: 90, diastolic: 60, pulse: 140, year: 2026, month: 12, day: 1, hour: 0, minute: 0 },
    ],
  ])('%s', (bytes, record) => {
    expect(decodeRecord(hex(bytes))).toEqual(record);
    expect(toHex(encodeRecord(record))).toBe(bytes);
  });

  it('a record starting with 0xFF is an empty slot', () => {
    expect(decodeRecord(hex('FF FF FF FF FF FF FF FF FF FF FF FF FF FF'))).toBeNull();
  });

  it.each([
    ['DIA erased', 'FF 67 1A 48 2E 68 07 80 00 00 00 00 00 00'],
    ['SYS erased', '52 FF 1A 48 2E 68 07 80 00 00 00 00 00 00'],
    ['year erased', '52 67 FF 48 2E 68 07 80 00 00 00 00 00 00'],
  ])('a slot with its %s is empty, as obpm counts records', (_what, bytes) => {
    expect(decodeRecord(hex(bytes))).toBeNull();
  });

  it('a memory image gives each user its records in slot order, skipping empty slots', () => {
    const memory = new Uint8Array(2800).fill(0xff);
    memory.set(hex(RECORD_128_82), 0);
    memory.set(hex('5F 7D 19 3C 05 17 0E C0 00 00 00 00 00 00'), 1400);
    const [user1, user2] = decodeMemory(memory);
    expect(user1?.map((r) => r.systolic)).toEqual([128]);
    expect(user2?.map((r) => r.systolic)).toEqual([150]);
  });
});
