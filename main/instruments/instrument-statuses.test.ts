// The attendant sees a required instrument that is not plugged as absent, like a missing tensiometer.
import { describe, expect, it } from 'vitest';
import type { MediaDeviceEntry, PeripheralStatus } from '../../contract';
import type { InstrumentExpectation } from '../../devices/instrument-match';
import { instrumentStatusesOf, withInstrumentStatuses } from './instrument-statuses';

const entry = (deviceId: string, kind: string, label: string): MediaDeviceEntry => ({
  deviceId,
  kind,
  label,
  groupId: deviceId,
});

const expectations: InstrumentExpectation[] = [
  { kind: 'otoscope', labelPattern: 'Digital Otoscope', required: true },
  { kind: 'stethoscope', labelPattern: '^USB Audio Device', required: true },
  { kind: 'dermatoscope', labelPattern: 'Dermato', required: false },
];

describe('instrument statuses', () => {
  it('shows a required instrument absent, a found one working, and leaves out an optional one not found', () => {
    const statuses = instrumentStatusesOf(
      [
        entry('cam', 'videoinput', 'Integrated Camera (04f2:b6dd)'),
        entry('steth', 'audioinput', 'USB Audio Device Analog Mono (0d8c:0014)'),
        entry('mic', 'audioinput', 'Built-in Audio Analog Stereo'),
      ],
      expectations,
    );
    expect(statuses).toEqual([
      { peripheral: 'otoscope', state: 'absent', reason: 'instrument.missing' },
      { peripheral: 'stethoscope', state: 'ok' },
    ]);
  });

  it('shows every instrument working once plugged', () => {
    const statuses = instrumentStatusesOf(
      [
        entry('oto', 'videoinput', 'USB2.0 Digital Otoscope (0c45:6366)'),
        entry('derm', 'videoinput', 'Dermatoscope HD'),
        entry('steth', 'audioinput', 'USB Audio Device'),
      ],
      expectations,
    );
    expect(statuses?.map((s) => `${s.peripheral}:${s.state}`)).toEqual([
      'otoscope:ok',
      'stethoscope:ok',
      'dermatoscope:ok',
    ]);
  });

  it('reports nothing while the browser hides the labels', () => {
    expect(instrumentStatusesOf([entry('a', 'videoinput', '')], expectations)).toBeNull();
  });

  it('reports nothing for a cabin that expects no instrument', () => {
    expect(instrumentStatusesOf([entry('cam', 'videoinput', 'Webcam')], [])).toEqual([]);
  });

  it('puts the instruments after the self-test list, replacing earlier instrument statuses', () => {
    const selfTest: PeripheralStatus[] = [
      { peripheral: 'bloodPressure', state: 'ok' },
      { peripheral: 'otoscope', state: 'ok' },
    ];
    const merged = withInstrumentStatuses(selfTest, [
      { peripheral: 'otoscope', state: 'absent', reason: 'instrument.missing' },
    ]);
    expect(merged).toEqual([
      { peripheral: 'bloodPressure', state: 'ok' },
      { peripheral: 'otoscope', state: 'absent', reason: 'instrument.missing' },
    ]);
  });
});
