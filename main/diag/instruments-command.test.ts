// The technician's listing of the expected instruments and the catalog, without a browser.
import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../config';
import { INSTRUMENTS_EXIT, instrumentsLine, listInstruments } from './instruments-command';

describe('npm run diag -- instruments', () => {
  it('prints the configured instruments and the catalog as one JSON line', () => {
    const merged = mergeConfig(defaultConfig('/tmp/cabine'), {
      instruments: [{ kind: 'otoscope', labelPattern: 'Digital Otoscope', required: true }],
    });
    if (!merged.ok) throw new Error('configuration refused');
    const line = instrumentsLine(merged.value);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as {
      configured: unknown[];
      catalog: { id: string; kind: string; mediaKind: string }[];
    };
    expect(parsed.configured).toEqual([
      { kind: 'otoscope', labelPattern: 'Digital Otoscope', required: true },
    ]);
    expect(parsed.catalog.map((m) => `${m.kind}/${m.mediaKind}`)).toContain('stethoscope/audioinput');
    expect(parsed.catalog.map((m) => m.id)).toContain('uvc-otoscope');
  });
});

describe('npm run diag -- instruments on what is plugged in', () => {
  const config = {
    instruments: [
      { kind: 'otoscope', labelPattern: 'USB 2.0 Camera', required: true },
      { kind: 'stethoscope', labelPattern: 'USB Audio Device', required: true },
    ],
  } as const;
  const webcam = {
    deviceId: '/dev/video0',
    kind: 'videoinput',
    label: 'Webcam C270 (046d:0825)',
    groupId: '',
  };
  const otoscope = {
    deviceId: '/dev/video2',
    kind: 'videoinput',
    label: 'USB 2.0 Camera (1bcf:2c99)',
    groupId: '',
  };
  const soundCard = {
    deviceId: 'hw:1',
    kind: 'audioinput',
    label: 'USB Audio Device (0d8c:0014)',
    groupId: '',
  };

  it('lists each input with its ids, role and kind, and the stethoscope with its sound level', async () => {
    const { line, exit } = await listInstruments(config, [webcam, otoscope, soundCard], (id) =>
      Promise.resolve(id === 'hw:1' ? -31.456 : null),
    );
    expect(exit).toBe(INSTRUMENTS_EXIT.ok);
    const parsed = JSON.parse(line) as { found: Record<string, unknown>[]; missing: string[] };
    expect(parsed.found).toEqual([
      expect.objectContaining({
        deviceId: '/dev/video0',
        usbId: '046d:0825',
        role: 'faceCamera',
        instrument: null,
      }),
      expect.objectContaining({
        deviceId: '/dev/video2',
        usbId: '1bcf:2c99',
        role: 'instrument',
        instrument: 'otoscope',
        recognisedBy: 'configuredLabel',
      }),
      expect.objectContaining({
        deviceId: 'hw:1',
        role: 'instrument',
        instrument: 'stethoscope',
        levelDbfs: -31.5,
      }),
    ]);
    expect(parsed.missing).toEqual([]);
  });

  it('exits 3 and names the stethoscope when the USB sound card is unplugged', async () => {
    const { line, exit } = await listInstruments(config, [webcam, otoscope], null);
    expect(exit).toBe(INSTRUMENTS_EXIT.missing);
    expect((JSON.parse(line) as { missing: string[] }).missing).toEqual(['stethoscope']);
  });
});
