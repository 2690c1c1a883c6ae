// The technician's listing of the expected instruments and the catalog, without a browser.
import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../config';
import { instrumentsLine } from './instruments-command';

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
