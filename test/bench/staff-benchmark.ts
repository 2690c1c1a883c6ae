// Staff access benchmark: one PIN check at the production scrypt cost, and a brute force of the
// attendant's PIN over the CabinApi, as an intruder at the cabin's screen or its WebSocket would run it:
// every six-digit PIN in turn, as fast as the API answers. It counts how many PINs were really checked
// before the role locked, and how long the whole space of PINs would take at five tries a lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { STAFF_LOCKOUT, STAFF_PIN_LENGTH } from '../../contract';
import { defaultConfig } from '../../main/config';
import { createController } from '../../main/controller';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { hashPin, pinMatches } from '../../main/staff/pin-hash';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { happyScript } from '../../devices/simulated/simulation-script';
import { ManualClock } from '../support/manual-clock';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The tries the issue's brute force needed against the old fixed code. */
const TRIES = 2_469;

/** Runs the staff access benchmark and answers its lines. */
export async function benchmarkStaffAccess(): Promise<string[]> {
  const hash = hashPin('860427');
  const checks: number[] = [];
  for (let run = 0; run < 10; run += 1) {
    const begin = performance.now();
    pinMatches('000000', hash);
    checks.push(performance.now() - begin);
  }

  const directory = mkdtempSync(join(tmpdir(), 'cabine-bench-staff-'));
  const clock = new ManualClock();
  const controller = createController({
    config: {
      ...defaultConfig(directory),
      hardware: 'simulated',
      staff: { attendantPinHash: hash, technicianPinHash: hashPin('529731'), idleMs: 120_000 },
      simulation: { stepMs: 100, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
    },
    clock,
    peripherals: createSimulatedPeripherals(happyScript(100), clock, 1_000),
    log: new MemoryOperationLog(clock),
  });
  try {
    await controller.booted;
    let badPin = 0;
    let locked = 0;
    let openedWith: string | null = null;
    const begin = performance.now();
    for (let n = 0; n < TRIES; n += 1) {
      const pin = String(n).padStart(STAFF_PIN_LENGTH.min, '0');
      const answer = controller.server.staffLogin({ role: 'attendant', pin });
      if (answer.ok) openedWith = pin;
      else if (answer.error.code === 'staff.badPin') badPin += 1;
      else if (answer.error.code === 'staff.locked') locked += 1;
    }
    const elapsed = performance.now() - begin;
    // The fifth wrong PIN is checked too: it answers `staff.locked` as it locks the role.
    const checked = badPin + (locked > 0 ? 1 : 0);
    const space = 10 ** STAFF_PIN_LENGTH.min;
    const years = ((space / STAFF_LOCKOUT.maxTries) * STAFF_LOCKOUT.lockMs) / (365.25 * 24 * 3_600_000);
    return [
      `staff PIN check at the production scrypt cost (10 runs): median ${median(checks).toFixed(1)} ms`,
      `staff PIN brute force over the API, ${TRIES} tries in ${elapsed.toFixed(0)} ms: ${checked} checked (the last locked the role), ` +
        `${locked - 1} refused unchecked by the lock, ${openedWith === null ? 'none opened the panel' : `opened with ${openedWith}`}; ` +
        `every ${STAFF_PIN_LENGTH.min}-digit PIN at ${STAFF_LOCKOUT.maxTries} tries a ${STAFF_LOCKOUT.lockMs / 60_000}-minute lock: ${years.toFixed(1)} years`,
    ];
  } finally {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
