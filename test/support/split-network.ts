// A second host for the media tests: a named network namespace (the practitioner's side) joined to the
// test's own namespace (the cabin's side) by a veth pair, cabin 10.77.0.1, practitioner 10.77.0.2.
// Cutting the pair is a network drop between the cabin and everything remote (platform connection
// of the console, media), while the cabin's screen keeps talking to its controller on loopback, as
// in a real cabin. Needs root inside the loopback namespace of in-loopback-namespace.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The cabin side's address on the link. */
export const CABIN_ADDRESS = '10.77.0.1';
/** The practitioner side's address on the link. */
export const PRACTITIONER_ADDRESS = '10.77.0.2';

/** The practitioner's host: a namespace, a program launcher into it, and the cable between both. */
export interface SplitNetwork {
  /** An executable that runs Debian's Chromium inside the practitioner's namespace (for playwright). */
  readonly chromiumInPractitionerHost: string;
  /** Unplugs the cable: nothing crosses until `restore`. */
  cut(): void;
  restore(): void;
  dispose(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

/** Creates the practitioner's namespace and the veth pair; `chromium` is the browser binary to wrap. */
export function createSplitNetwork(chromium: string): SplitNetwork {
  const namespace = `cabine-practitioner-${process.pid}`;
  ip('netns', 'add', namespace);
  try {
    ip('link', 'add', 'cabin0', 'type', 'veth', 'peer', 'name', 'practitioner0', 'netns', namespace);
    ip('addr', 'add', `${CABIN_ADDRESS}/24`, 'dev', 'cabin0');
    ip('link', 'set', 'cabin0', 'up');
    ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${PRACTITIONER_ADDRESS}/24`, 'dev', 'practitioner0');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'practitioner0', 'up');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    ip('netns', 'del', namespace);
    throw error;
  }
  const folder = mkdtempSync(join(tmpdir(), 'cabine-netns-'));
  const launcher = join(folder, 'chromium-in-practitioner-host');
  writeFileSync(launcher, `#!/bin/sh\nexec ip netns exec ${namespace} ${chromium} "$@"\n`);
  chmodSync(launcher, 0o755);
  return {
    chromiumInPractitionerHost: launcher,
    cut: () => ip('link', 'set', 'cabin0', 'down'),
    restore: () => ip('link', 'set', 'cabin0', 'up'),
    dispose: () => {
      rmSync(folder, { recursive: true, force: true });
      try {
        ip('link', 'del', 'cabin0');
      } catch {
        // Already gone with the namespace.
      }
      ip('netns', 'del', namespace);
    },
  };
}
