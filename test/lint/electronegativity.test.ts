// Electronegativity (Doyensec's checker of Electron misconfigurations and anti-patterns) over the kiosk's
// shell, main/electron/: every finding must be in the reviewed allowlist beside this file, with the reason
// it is not a hole, and every entry of the allowlist must still be found (a stale entry goes). The tool
// runs offline: its lookups of Electron's releases fail and are ignored, the version comes from
// package.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TOOL = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');

/** One reviewed finding: the check, the file, and why it is not a hole in this kiosk. */
interface AllowedFinding {
  readonly check: string;
  readonly file: string;
  readonly reason: string;
}

interface SarifResult {
  readonly ruleId: string;
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      readonly region: { readonly startLine?: number };
    };
  }[];
}

/** Runs the tool on main/electron and answers its findings as `check file` keys, sorted. */
function findings(): { keys: string[]; lines: string[] } {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-electronegativity-'));
  try {
    const output = join(directory, 'findings.sarif');
    const electron = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.electron;
    const run = spawnSync(
      process.execPath,
      [TOOL, '-i', 'main/electron', '-r', '-v', 'false', '-e', electron ?? '0.0.0', '-o', output],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    if (run.error) throw run.error;
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results: SarifResult[] }[] };
    const results = sarif.runs.flatMap((r) => r.results);
    const located = results.map((r) => {
      const place = r.locations[0]?.physicalLocation;
      return { check: r.ruleId, file: place?.artifactLocation.uri ?? '?', line: place?.region.startLine };
    });
    return {
      keys: located.map((f) => `${f.check} ${f.file}`).sort(),
      lines: located.map((f) => `${f.check} ${f.file}:${f.line ?? '?'}`),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('electronegativity over the Electron shell', () => {
  it('finds nothing that the reviewed allowlist does not explain, and the allowlist holds nothing stale', () => {
    const allowed = JSON.parse(
      readFileSync(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8'),
    ) as AllowedFinding[];
    for (const entry of allowed)
      expect(entry.reason.length, `${entry.check} needs its reason`).toBeGreaterThan(40);
    const found = findings();
    expect(found.keys, `found: ${found.lines.join(', ')}`).toEqual(
      allowed.map((entry) => `${entry.check} ${entry.file}`).sort(),
    );
  }, 150_000);
});
