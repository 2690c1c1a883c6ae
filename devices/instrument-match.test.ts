import { describe, expect, it } from 'vitest';
import type { MediaDeviceEntry } from '../contract';
import type { InstrumentModel } from './instrument-catalog';
import {
  classifyMediaDevices,
  cleanLabel,
  MAX_LABEL_LENGTH,
  missingInstruments,
  type InstrumentExpectation,
} from './instrument-match';

const video = (deviceId: string, label: string): MediaDeviceEntry => ({
  deviceId,
  kind: 'videoinput',
  label,
  groupId: `g-${deviceId}`,
});
const audio = (deviceId: string, label: string): MediaDeviceEntry => ({
  deviceId,
  kind: 'audioinput',
  label,
  groupId: `g-${deviceId}`,
});

const otoscopeById: InstrumentModel = {
  id: 'test-otoscope',
  kind: 'otoscope',
  mediaKind: 'videoinput',
  usbIds: [{ vendorId: 0x0c45, productId: 0x6366 }],
  labelPattern: null,
};

const roles = (entries: readonly MediaDeviceEntry[], expectations: readonly InstrumentExpectation[] = []) =>
  classifyMediaDevices(entries, expectations, [otoscopeById]).devices.map((d) =>
    d.role.role === 'instrument'
      ? `${d.deviceId}:${d.role.kind}/${d.role.by}`
      : `${d.deviceId}:${d.role.role}`,
  );

describe('classifyMediaDevices', () => {
  it('tells the otoscope by its USB ids and takes the other camera as the face camera, whatever the order', () => {
    const list = [
      video('oto', 'USB2.0 Digital Otoscope (0c45:6366)'),
      video('cam', 'Integrated Camera (04f2:b6dd)'),
    ];
    expect(roles(list)).toEqual(['oto:otoscope/usbId', 'cam:faceCamera']);
    const result = classifyMediaDevices(list, [], [otoscopeById]);
    expect(result.faceCameraId).toBe('cam');
    expect(result.devices[0]?.usbId).toEqual({ vendorId: 0x0c45, productId: 0x6366 });
  });

  it('uses the configured label pattern when the ids name no model, and the ids first when both could', () => {
    const expectations: InstrumentExpectation[] = [
      { kind: 'dermatoscope', labelPattern: 'USB Camera', required: true },
      { kind: 'stethoscope', labelPattern: '^USB Audio Device', required: true },
    ];
    const list = [
      video('derm', 'USB Camera (1908:2311)'),
      video('oto', 'USB Camera (0c45:6366)'),
      video('face', 'HD Webcam (046d:0825)'),
      audio('steth', 'USB Audio Device Analog Mono (0d8c:0014)'),
      audio('mic', 'Built-in Audio Analog Stereo'),
    ];
    expect(roles(list, expectations)).toEqual([
      'derm:dermatoscope/configuredLabel',
      'oto:otoscope/usbId',
      'face:faceCamera',
      'steth:stethoscope/configuredLabel',
      'mic:microphone',
    ]);
  });

  it('recognises devices that name themselves after the instrument from the catalog, without ids', () => {
    const result = classifyMediaDevices(
      [video('a', 'Digital Dermatoscope'), video('b', 'Webcam'), audio('c', 'Electronic Stethoscope')],
      [],
    );
    expect(result.devices.map((d) => d.role)).toEqual([
      { role: 'instrument', kind: 'dermatoscope', by: 'catalogLabel', modelId: 'uvc-dermatoscope' },
      { role: 'faceCamera' },
      { role: 'instrument', kind: 'stethoscope', by: 'catalogLabel', modelId: 'uac-stethoscope' },
    ]);
  });

  it('never takes a video pattern for a microphone, nor an audio pattern for a camera', () => {
    const expectations: InstrumentExpectation[] = [
      { kind: 'stethoscope', labelPattern: 'Webcam', required: false },
    ];
    expect(roles([video('cam', 'HD Webcam'), audio('mic', 'HD Webcam Mic')], expectations)).toEqual([
      'cam:faceCamera',
      'mic:stethoscope/configuredLabel',
    ]);
  });

  it('tells nothing apart while the browser hides the labels', () => {
    const result = classifyMediaDevices(
      [video('a', ''), video('b', ''), audio('c', '')],
      [{ kind: 'otoscope', labelPattern: 'Otoscope', required: true }],
    );
    expect(result.labelsHidden).toBe(true);
    expect(result.faceCameraId).toBeNull();
    expect(result.devices.every((d) => d.role.role === 'unused')).toBe(true);
    expect(
      missingInstruments(result, [{ kind: 'otoscope', labelPattern: 'Otoscope', required: true }]),
    ).toBeNull();
  });

  it('counts a device listed twice once, skips outputs and the default aliases as patient inputs', () => {
    const list = [
      audio('default', 'Default - Built-in Audio Analog Stereo'),
      audio('mic', 'Built-in Audio Analog Stereo'),
      audio('mic', 'Built-in Audio Analog Stereo'),
      { deviceId: 'out', kind: 'audiooutput', label: 'Speakers', groupId: 'x' },
      video('cam', 'Integrated Camera (04f2:b6dd)'),
      video('cam', 'Integrated Camera (04f2:b6dd)'),
      video('cam2', 'Second Camera'),
    ];
    expect(roles(list)).toEqual(['default:unused', 'mic:microphone', 'cam:faceCamera', 'cam2:unused']);
  });

  it('takes the default alias as the microphone when the browser lists no other', () => {
    const result = classifyMediaDevices([audio('default', 'Default'), video('cam', 'Webcam')], []);
    expect(result.microphoneId).toBe('default');
    expect(result.devices[0]?.role).toEqual({ role: 'microphone' });
  });

  it('takes the first matching configuration entry when several patterns match one device', () => {
    const expectations: InstrumentExpectation[] = [
      { kind: 'examinationCamera', labelPattern: 'Camera', required: false },
      { kind: 'dermatoscope', labelPattern: 'USB Camera', required: false },
    ];
    expect(roles([video('x', 'USB Camera')], expectations)).toEqual(['x:examinationCamera/configuredLabel']);
  });

  it('anchors a pattern at the start or the end of the label, the ids left out', () => {
    const at = (labelPattern: string, label: string) =>
      roles([video('x', label)], [{ kind: 'otoscope', labelPattern, required: false }])[0];
    expect(at('^Otoscope', 'Otoscope HD (1234:abcd)')).toBe('x:otoscope/configuredLabel');
    expect(at('^HD', 'Otoscope HD (1234:abcd)')).toBe('x:faceCamera');
    expect(at('HD$', 'Otoscope HD (1234:abcd)')).toBe('x:otoscope/configuredLabel');
    expect(at('^otoscope hd$', 'Otoscope HD')).toBe('x:otoscope/configuredLabel');
    expect(at('', 'Anything')).toBe('x:faceCamera');
  });

  it('cleans hostile labels: control and bidirectional characters removed, length bounded', () => {
    const spoof = 'Integrated\u202e epocsotO\u0007 Camera\u2066 (04f2:b6dd)';
    expect(cleanLabel(spoof)).toBe('Integrated epocsotO Camera (04f2:b6dd)');
    const long = classifyMediaDevices([video('x', 'A'.repeat(100_000))], []);
    expect(long.devices[0]?.label.length).toBe(MAX_LABEL_LENGTH);
    expect(long.faceCameraId).toBe('x');
    const many = Array.from({ length: 500 }, (_, i) => video(`v${i}`, `Camera ${i}`));
    expect(classifyMediaDevices(many, []).devices.length).toBe(64);
  });
});

describe('missingInstruments', () => {
  it('names each required instrument not found once, never an optional one', () => {
    const expectations: InstrumentExpectation[] = [
      { kind: 'otoscope', labelPattern: 'Otoscope', required: true },
      { kind: 'otoscope', labelPattern: 'Ear camera', required: true },
      { kind: 'stethoscope', labelPattern: 'USB Audio', required: true },
      { kind: 'dermatoscope', labelPattern: 'Dermato', required: false },
    ];
    const result = classifyMediaDevices(
      [video('cam', 'Integrated Camera (04f2:b6dd)'), audio('steth', 'USB Audio Device (0d8c:0014)')],
      expectations,
    );
    expect(missingInstruments(result, expectations)).toEqual(['otoscope']);
    const plugged = classifyMediaDevices(
      [video('cam', 'Integrated Camera'), video('oto', 'Ear camera'), audio('steth', 'USB Audio Device')],
      expectations,
    );
    expect(missingInstruments(plugged, expectations)).toEqual([]);
  });
});
