// Garbage at every device codec: what a wrong baud rate, a noisy cable, a cut frame or a broken device
// delivers never throws or hangs; each decoder answers its value or its one refusal shape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAndStandard, encodeAndStandard } from '../../devices/and-standard/and-standard-codec';
import {
  decodeCommand as decodeBeurerCommand,
  decodeReport as decodeBeurerReport,
  encodeKeepAlive,
  encodeLive,
  encodeStart,
} from '../../devices/beurer-po80/beurer-codec';
import {
  decodeBleThermometerGateway,
  decodeHealthThermometer,
  decodeIeee11073Float,
  encodeBleGatewayNotification,
  encodeHealthThermometer,
  HEALTH_THERMOMETER_MEASUREMENT,
} from '../../devices/ble-thermometer-gateway/ble-thermometer-codec';
import {
  decodeMtSics,
  encodeMtSicsIdentity,
  encodeMtSicsWeight,
  mtSicsIdentityFields,
} from '../../devices/mt-sics/mt-sics-codec';
import {
  decodeNibpAscii,
  encodeNibpCommand,
  encodeNibpCuffPressure,
  encodeNibpResult,
} from '../../devices/nibp-ascii/nibp-ascii-codec';
import {
  decodeNoninDf2Frame,
  decodeNoninPacket,
  encodeNoninFrame,
  encodeNoninPacket,
  NONIN_FRAME_LENGTH,
  type NoninFrame,
} from '../../devices/nonin-df2/nonin-df2-codec';
import {
  decodeCommand as decodeOmronCommand,
  decodeMemory,
  decodeReply as decodeOmronReply,
  emptyRecord,
  encodeAck,
  encodeBlockReply,
  encodeInit,
  encodeReadBlock,
  encodeRecord,
  OMRON_BLOCK_SIZE,
  OMRON_RECORD_SIZE,
} from '../../devices/omron-hem7322u/omron-codec';
import { FrameSplitter } from '../../drivers/serial/frame-splitter';
import { LineFramer } from '../../drivers/serial/line-framer';
import {
  bytes,
  checkGarbage,
  expectResult,
  garbageBytes,
  garbageLines,
  GARBAGE_PARAMETERS,
} from '../support/garbage';

const text = (frame: Uint8Array | string): string =>
  typeof frame === 'string' ? frame : Buffer.from(frame).toString('latin1');
/** Lines as the line framer hands them over: without their terminator. */
const line = (frame: Uint8Array | string): string => text(frame).replace(/\r?\n$|\r$/, '');

describe('the serial scales refuse noise, a cut line or a wrong unit with their own code', () => {
  it('A&D standard format', () => {
    const valid = [
      encodeAndStandard('ST', 72.35),
      encodeAndStandard('US', -0.5),
      encodeAndStandard('OL', null),
    ];
    checkGarbage(garbageLines(valid), (garbage) => expectResult(decodeAndStandard(garbage)));
  });

  it('MT-SICS', () => {
    const valid = [
      encodeMtSicsWeight('S', true, 81.37),
      encodeMtSicsWeight('SI', false, 0.002),
      encodeMtSicsIdentity('I2', 'PG5002-S DeltaRange 5100.0 g'),
      'ES',
      'S I',
      'Z A',
    ];
    checkGarbage(garbageLines(valid), (garbage) => {
      expectResult(decodeMtSics(garbage));
      const fields = mtSicsIdentityFields({ I2: garbage, I3: null, I4: garbage });
      expect(fields.firmware).toBeNull();
    });
  });
});

describe('the tensiometers refuse what is not a frame of theirs', () => {
  it('the NIBP module’s ASCII lines', () => {
    const valid = [
      line(encodeNibpCuffPressure(143)),
      line(encodeNibpResult({ systolic: 137, diastolic: 86, meanArterial: 103, pulse: 67 })),
      line(encodeNibpCommand('01')),
      'X',
    ];
    checkGarbage(garbageLines(valid), (garbage) => expectResult(decodeNibpAscii(garbage)));
  });

  it('the Omron HEM-7322U’s HID reports, both ways, and its memory image', () => {
    const block = new Uint8Array(OMRON_BLOCK_SIZE);
    block.set(
      encodeRecord({
        diastolic: 86,
        systolic: 137,
        year: 2026,
        pulse: 67,
        month: 1,
        day: 12,
        hour: 9,
        minute: 3,
      }),
    );
    const valid = [
      encodeInit(),
      encodeReadBlock(0x02ac),
      encodeAck('init'),
      encodeAck('end'),
      encodeBlockReply(0x02ac, block),
    ];
    checkGarbage(garbageBytes(valid, 72), (garbage) => {
      expectResult(decodeOmronCommand(garbage));
      expectResult(decodeOmronReply(garbage));
    });
    const memory = Uint8Array.from([
      ...emptyRecord(),
      ...encodeRecord({
        diastolic: 80,
        systolic: 120,
        year: 2025,
        pulse: 60,
        month: 12,
        day: 31,
        hour: 23,
        minute: 59,
      }),
    ]);
    checkGarbage(garbageBytes([memory], OMRON_RECORD_SIZE * 210), (garbage) => {
      const users = decodeMemory(garbage);
      expect(users).toHaveLength(2);
    });
  });
});

describe('the oximeters refuse what is not a frame of theirs', () => {
  it('Nonin Data Format #2: a frame is decoded or null, a packet of any frames is decoded or null', () => {
    const packet = encodeNoninPacket({ heartRate: 67, spo2: 96 });
    const valid = [
      encodeNoninFrame({ sync: true }, 128, 0),
      encodeNoninFrame({ artifact: true }, 3, 67),
      packet,
    ];
    checkGarbage(garbageBytes(valid, 130), (garbage) => {
      const frame = decodeNoninDf2Frame(garbage.subarray(0, NONIN_FRAME_LENGTH));
      expect(frame === null || typeof frame.status.sync === 'boolean').toBe(true);
      const frames: NoninFrame[] = [];
      for (let at = 0; at + NONIN_FRAME_LENGTH <= garbage.length; at += NONIN_FRAME_LENGTH) {
        const decoded = decodeNoninDf2Frame(garbage.subarray(at, at + NONIN_FRAME_LENGTH));
        if (decoded !== null) frames.push(decoded);
      }
      const decodedPacket = decodeNoninPacket(frames);
      expect(decodedPacket === null || typeof decodedPacket === 'object').toBe(true);
    });
  });

  it('Beurer PO 80 (Contec): host reports and device reports', () => {
    const valid = [encodeStart(), encodeKeepAlive(), encodeLive(67, 96), encodeLive(null, null, 0x10)];
    checkGarbage(garbageBytes(valid, 64), (garbage) => {
      expectResult(decodeBeurerCommand(garbage));
      expectResult(decodeBeurerReport(garbage));
    });
  });
});

describe('the thermometer gateway refuses noise and any payload a BLE peer makes up', () => {
  it('a gateway line, whatever its notification carries', () => {
    const valid = [
      line(encodeBleGatewayNotification(HEALTH_THERMOMETER_MEASUREMENT, encodeHealthThermometer(37.8))),
      line(encodeBleGatewayNotification(0x2a29, Buffer.from('ACME'))),
      'S,READY',
    ];
    // A peer chooses every byte of its payload; the gateway only wraps it with a right checksum.
    const forged = fc
      .tuple(fc.constantFrom(HEALTH_THERMOMETER_MEASUREMENT, 0x2a29, 0x2a24, 0x1234), bytes(24))
      .map(([characteristic, payload]) => line(encodeBleGatewayNotification(characteristic, payload)));
    // A long notification whose checksum a noisy line changed.
    const corrupted = fc
      .tuple(bytes(400), fc.nat(255))
      .map(([payload, sum]) =>
        line(encodeBleGatewayNotification(0x1234, payload)).replace(
          /\*..$/,
          `*${sum.toString(16).toUpperCase().padStart(2, '0')}`,
        ),
      );
    checkGarbage(fc.oneof(garbageLines(valid), forged, corrupted), (garbage) =>
      expectResult(decodeBleThermometerGateway(garbage)),
    );
  });

  it('a Health Thermometer payload and any IEEE-11073 FLOAT', () => {
    checkGarbage(garbageBytes([encodeHealthThermometer(37.8)], 24), (garbage) =>
      expectResult(decodeHealthThermometer(garbage)),
    );
    checkGarbage(fc.nat(0xffffffff), (raw) => {
      const value = decodeIeee11073Float(raw);
      expect(value === null || typeof value === 'number').toBe(true);
    });
  });
});

describe('the framers resynchronise on noise without growing', () => {
  it('a line framer keeps no partial line beyond its bound', () => {
    fc.assert(
      fc.property(fc.array(bytes(300), { maxLength: 20 }), (chunks) => {
        const lines: string[] = [];
        const framer = new LineFramer({ delimiter: '\r\n', maxLineLength: 256 }, (l) => lines.push(l));
        for (const chunk of chunks) framer.push(chunk);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(256 + 300);
      }),
      { ...GARBAGE_PARAMETERS, numRuns: 500 },
    );
  });

  it('a frame splitter hands over only frames its model accepts', () => {
    const accepts = (candidate: Uint8Array): boolean => decodeNoninDf2Frame(candidate) !== null;
    fc.assert(
      fc.property(
        fc.array(garbageBytes([encodeNoninPacket({ heartRate: 67, spo2: 96 })], 130), { maxLength: 8 }),
        (chunks) => {
          const splitter = new FrameSplitter({ frameLength: NONIN_FRAME_LENGTH, accepts }, (frame) =>
            expect(accepts(frame)).toBe(true),
          );
          for (const chunk of chunks) splitter.push(chunk);
        },
      ),
      { ...GARBAGE_PARAMETERS, numRuns: 500 },
    );
  });
});
