// A controller with simulated hardware on a manual clock, in a temporary folder: the harness of the
// benchmarks (the scenario tests build theirs the same way, with more control).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import type { OperationLog } from '../../main/log';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { ManualClock } from './manual-clock';

/** A booted controller on a manual clock, and how to dispose of it. */
export interface SimulatedCabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly stepMs: number;
  dispose(): Promise<void>;
}

/** Boots a controller on a manual clock with a real SQLite store in a temporary folder. */
export async function bootSimulatedCabin(
  stepMs = 100,
  log: OperationLog = new MemoryOperationLog(),
): Promise<SimulatedCabin> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-sim-'));
  const clock = new ManualClock();
  const peripherals = createSimulatedPeripherals(happyScript(stepMs), clock, stepMs * 10);
  const controller = createController({
    config: {
      ...defaultConfig(directory),
      simulation: { stepMs, callMs: stepMs * 10, byteLevelDevices: false, cardReader: 'domain' as const },
    },
    clock,
    peripherals,
    log,
  });
  await controller.booted;
  return {
    controller,
    clock,
    stepMs,
    async dispose() {
      await controller.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
