// Garbage at the device classes: a measurement running while the other end of the link sends anything
// (noise, cut frames, valid frames mutated, valid frames in any order) never throws out of the link's
// data handler, reports only the seam's facts, and ends with exactly one `measurement.taken` or
// `measurement.failed`, never stuck, once the device's own timeouts have passed.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Clock, MeasurementFact } from '../../contract';
import { AndStandardDevice, encodeAndStandard } from '../../devices/and-standard';
import { BeurerPo80Device, encodeLive } from '../../devices/beurer-po80';
import {
  BleThermometerGatewayDevice,
  encodeBleGatewayNotification,
  encodeHealthThermometer,
  HEALTH_THERMOMETER_MEASUREMENT,
} from '../../devices/ble-thermometer-gateway';
import type { MeasuringDevice } from '../../devices/measuring-device';
import { encodeMtSicsWeight, MtSicsDevice } from '../../devices/mt-sics';
import { encodeNibpCuffPressure, encodeNibpResult, NibpAsciiDevice } from '../../devices/nibp-ascii';
import { encodeNoninPacket, NoninDf2Device } from '../../devices/nonin-df2';
import {
  encodeAck,
  encodeBlockReply,
  OmronHem7322uDevice,
  OMRON_BLOCK_SIZE,
} from '../../devices/omron-hem7322u';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { checkGarbageAsync, garbageBytes } from '../support/garbage';
import { ManualClock } from '../support/manual-clock';

// Thousands of inputs on a machine shared with other suites: a whole run may take longer than a test's default.
vi.setConfig({ testTimeout: 60_000 });

const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

interface Model {
  readonly name: string;
  readonly make: (link: ByteLink, clock: Clock) => MeasuringDevice;
  /** Frames the real device sends, to be mutated and shuffled. */
  readonly frames: readonly Uint8Array[];
}

const MODELS: readonly Model[] = [
  {
    name: 'A&D scale',
    make: (link, clock) => new AndStandardDevice(link, clock),
    frames: [latin1(`${encodeAndStandard('ST', 81.37)}\r\n`), latin1(`${encodeAndStandard('US', 81.2)}\r\n`)],
  },
  {
    name: 'MT-SICS balance',
    make: (link, clock) => new MtSicsDevice(link, clock),
    frames: [latin1(`${encodeMtSicsWeight('SI', true, 81.37)}\r\n`), latin1('SI I\r\n')],
  },
  {
    name: 'NIBP module',
    make: (link, clock) => new NibpAsciiDevice(link, clock),
    frames: [
      latin1(encodeNibpCuffPressure(150)),
      latin1(encodeNibpCuffPressure(999)),
      latin1(encodeNibpResult({ systolic: 137, diastolic: 86, meanArterial: 103, pulse: 67 })),
    ],
  },
  {
    name: 'Nonin oximeter',
    make: (link, clock) => new NoninDf2Device(link, clock),
    frames: [
      encodeNoninPacket({ heartRate: 67, spo2: 96 }),
      encodeNoninPacket({ heartRate: null, spo2: null }),
    ],
  },
  {
    name: 'Beurer PO 80',
    make: (link, clock) => new BeurerPo80Device(link, clock),
    frames: [encodeLive(67, 96), encodeLive(null, null), encodeLive(67, 96, 0x10)],
  },
  {
    name: 'BLE thermometer gateway',
    make: (link, clock) => new BleThermometerGatewayDevice(link, clock),
    frames: [
      latin1(encodeBleGatewayNotification(HEALTH_THERMOMETER_MEASUREMENT, encodeHealthThermometer(37.85))),
      latin1('S,CONNECTED\n'),
    ],
  },
  {
    name: 'Omron HEM-7322U',
    make: (link, clock) => new OmronHem7322uDevice(link, clock),
    frames: [
      encodeAck('init'),
      encodeBlockReply(0x02ac, new Uint8Array(OMRON_BLOCK_SIZE).fill(0xff)),
      encodeAck('end'),
    ],
  },
];

const isFact = (fact: MeasurementFact): boolean =>
  (fact.type === 'measurement.progressed' && typeof fact.progress === 'object') ||
  (fact.type === 'measurement.taken' && Array.isArray(fact.measurement.quantities)) ||
  (fact.type === 'measurement.failed' && typeof fact.error.code === 'string' && fact.error.code !== '');

describe.each(MODELS)('the $name under garbage on its link', (model) => {
  it('reports the seam’s facts and ends once, whatever the device sends', async () => {
    // Valid frames as often as garbage, so that the device gets far enough to be surprised.
    const chunks = fc.array(
      fc.tuple(
        fc.oneof(garbageBytes(model.frames, 140), fc.constantFrom(...model.frames)),
        fc.integer({ min: 0, max: 400 }),
      ),
      { minLength: 1, maxLength: 30 },
    );
    await checkGarbageAsync(
      chunks,
      async (sent) => {
        const clock = new ManualClock(0);
        const [deviceEnd, otherEnd] = createMemoryLinkPair();
        const device = model.make(deviceEnd, clock);
        const facts: MeasurementFact[] = [];
        device.measure((fact) => facts.push(fact));
        for (const [chunk, pauseMs] of sent) {
          await otherEnd.write(chunk);
          await clock.advance(pauseMs);
        }
        // Long enough for every model's silence and measurement timeouts.
        await clock.advance(15 * 60_000);
        expect(facts.every(isFact)).toBe(true);
        const ends = facts.filter((fact) => fact.type !== 'measurement.progressed');
        expect(ends).toHaveLength(1);
        // Nothing after the end: no progress of a measurement that is over.
        expect(facts.at(-1)).toBe(ends[0]);
        await deviceEnd.close();
      },
      150,
    );
  });
});
