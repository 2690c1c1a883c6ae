// A seeded soak of the simulated cabin: many sessions in a row, each with random transient faults and a
// random patient, run to the end on the manual clock; counts what a leak or a stuck session would show.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEASUREMENT_KINDS, type MeasurementKind, type PatientAction } from '../../contract';
import { happyScript, type SimulatedCard } from '../../devices/simulated/simulation-script';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals, type SimulatedPeripherals } from '../../main/peripherals';
import { openCabinStore, type CabinStore } from '../../main/store';
import { DISCARDING_LOG } from '../../main/test-support/discarding-log';
import { ManualClock } from './manual-clock';
import { attendantCommand, cleanBetweenPatients, cooperativeAction, viewOf } from './patient-robot';

const STEP_MS = 100;
/** A silent patient's clock moves a second a tick: the still-there question comes after 90 s. */
const SILENT_TICK_MS = 1_000;

/** A small seeded PRNG (mulberry32): the same seed gives the same soak. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How the soak's patient behaves. */
export type SoakBehaviour = 'cooperative' | 'quits' | 'asksHelp' | 'silent';

/** One fault put in the script before the session and lifted after a number of ticks. */
type SoakFault =
  | { readonly kind: 'card'; readonly card: SimulatedCard }
  | { readonly kind: 'cardStaysInReader' }
  | {
      readonly kind: 'measurement';
      readonly device: MeasurementKind;
      readonly outcome: 'implausible' | 'unplugged' | 'timeout';
    }
  | { readonly kind: 'print' }
  | { readonly kind: 'payment' }
  | { readonly kind: 'platform' };

/** What the soak saw, for the test's assertions and the benchmark's lines. */
export interface SoakReport {
  readonly sessions: number;
  readonly byBehaviour: Record<SoakBehaviour, number>;
  readonly faulted: number;
  /** Sessions where the patient saw a failure screen (card, measurement, print, payment, waiting room). */
  readonly sawFailure: number;
  /** Sessions that did not come back to ready within the tick bound: seed, number, last view. */
  readonly stuck: readonly string[];
  /** Sessions after which something was left: an open session, a help call, a card, a dirty cabin. */
  readonly leftovers: readonly string[];
  readonly pendingTimersFirst: number;
  readonly pendingTimersLast: number;
  readonly pendingTimersMax: number;
  /** Heap after `warmSessions` sessions and after all (garbage collected first when `gc` is given). */
  readonly heapWarm: number;
  readonly heapLast: number;
  /** Heap every `heapEvery` sessions (empty without it), to tell a steady slope from noise. */
  readonly heapSamples: readonly number[];
  readonly msPerSession: number;
}

/** How a soak runs. */
export interface SoakOptions {
  readonly seed: number;
  readonly sessions: number;
  readonly maxTicks?: number;
  readonly warmSessions?: number;
  readonly gc?: () => void;
  readonly heapEvery?: number;
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

function randomFaults(random: () => number): SoakFault[] {
  const faults: SoakFault[] = [];
  if (random() < 0.15)
    faults.push({
      kind: 'card',
      card: pick(random, ['unreadable', 'removedDuringRead', 'oneBeneficiary'] as const),
    });
  if (random() < 0.1) faults.push({ kind: 'cardStaysInReader' });
  if (random() < 0.25) {
    faults.push({
      kind: 'measurement',
      device: pick(random, MEASUREMENT_KINDS),
      outcome: pick(random, ['implausible', 'unplugged', 'timeout'] as const),
    });
  }
  if (random() < 0.1) faults.push({ kind: 'print' });
  if (random() < 0.1) faults.push({ kind: 'payment' });
  if (random() < 0.1) faults.push({ kind: 'platform' });
  return faults;
}

function applyFaults(peripherals: SimulatedPeripherals, faults: readonly SoakFault[]): void {
  const { script } = peripherals;
  for (const fault of faults) {
    if (fault.kind === 'card') script.card = fault.card;
    if (fault.kind === 'cardStaysInReader') script.cardStaysInReader = true;
    if (fault.kind === 'measurement') script.measurements[fault.device] = fault.outcome;
    if (fault.kind === 'print') script.print = 'outOfPaper';
    if (fault.kind === 'payment') script.payment = 'declined';
    if (fault.kind === 'platform') peripherals.platformReachable = false;
  }
}

/** Lifts every fault: the happy script again, the platform back (a card left in stays until taken). */
function liftFaults(peripherals: SimulatedPeripherals): void {
  Object.assign(peripherals.script, happyScript(STEP_MS));
  peripherals.platformReachable = true;
}

interface SoakCabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly peripherals: SimulatedPeripherals;
  readonly store: CabinStore;
  dispose(): Promise<void>;
}

async function bootSoakCabin(): Promise<SoakCabin> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-soak-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
  const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, STEP_MS * 10);
  const config = {
    ...defaultConfig(directory),
    simulation: {
      stepMs: STEP_MS,
      callMs: STEP_MS * 10,
      byteLevelDevices: false,
      cardReader: 'domain' as const,
    },
  };
  mkdirSync(config.dataDirectory, { recursive: true });
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
  if (!opened.ok) throw new Error(`the soak's store did not open: ${opened.error.code}`);
  const store = opened.value;
  const controller = createController({ config, clock, peripherals, log: DISCARDING_LOG, store });
  await controller.booted;
  return {
    controller,
    clock,
    peripherals,
    store,
    async dispose() {
      await controller.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Runs one session to ready; answers false when it did not get there within `maxTicks`. */
async function runSession(
  cabin: SoakCabin,
  random: () => number,
  behaviour: SoakBehaviour,
  faults: readonly SoakFault[],
  maxTicks: number,
): Promise<{ ended: boolean; last: string; sawFailure: boolean }> {
  const { controller, clock, peripherals } = cabin;
  applyFaults(peripherals, faults);
  const liftAt = faults.length === 0 ? 0 : 5 + Math.floor(random() * 60);
  const actionsBeforeTurn = 1 + Math.floor(random() * 25);
  let actions = 0;
  let last = 'not started';
  let sawFailure = false;
  const started = controller.server.startSession({
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
  });
  if (!started.ok) return { ended: false, last: `start refused: ${started.error.code}`, sawFailure };
  for (let tick = 0; tick < maxTicks; tick += 1) {
    if (tick === liftAt) liftFaults(peripherals);
    const view = viewOf(controller);
    if (view.phase === 'ready' && tick > 0) {
      // The patient takes back a card left in the reader as the goodbye screen asked.
      if (view.cardInReader) peripherals.cardReader.setCardPresent(false);
      liftFaults(peripherals);
      return { ended: true, last, sawFailure };
    }
    const screen = view.session?.screen;
    last = screen ? `${screen.step}/${'stage' in screen ? String(screen.stage) : ''}` : view.phase;
    const failedInCall = screen?.step === 'consultation' && screen.measurementStage === 'failed';
    if (/failed/i.test(last) || failedInCall) sawFailure = true;
    if (screen?.step === 'goodbye' && view.cardInReader) peripherals.cardReader.setCardPresent(false);
    let action: PatientAction | null = cooperativeAction(view);
    const turned = actions >= actionsBeforeTurn;
    if (turned && behaviour === 'silent') action = null;
    if (turned && behaviour === 'quits' && screen) action = { type: 'patient.quit' };
    if (behaviour === 'asksHelp' && actions === actionsBeforeTurn && screen)
      action = { type: 'patient.help' };
    if (action) {
      controller.server.act(action);
      actions += 1;
    } else clock.increment(turned && behaviour === 'silent' ? SILENT_TICK_MS : STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  liftFaults(peripherals);
  return { ended: false, last, sawFailure };
}

/** What is left after a session that ended: described, or null when the cabin is clean and ready. */
function leftover({ controller, store }: SoakCabin): string | null {
  const view = viewOf(controller);
  const open = store.listOpenSessions();
  if (!open.ok || open.value.length > 0) return 'an open session in the store';
  if (view.phase !== 'ready') return `phase ${view.phase}`;
  if (view.session !== null) return 'a session in the view';
  if (view.cardInReader) return 'a card in the reader';
  return null;
}

/** Runs the soak on one controller and answers what it saw. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { seed, sessions, maxTicks = 4_000, warmSessions = Math.min(200, sessions), gc, heapEvery } = options;
  const heapSamples: number[] = [];
  const random = seededRandom(seed);
  const cabin = await bootSoakCabin();
  const byBehaviour: Record<SoakBehaviour, number> = { cooperative: 0, quits: 0, asksHelp: 0, silent: 0 };
  const stuck: string[] = [];
  const leftovers: string[] = [];
  let faulted = 0;
  let sawFailure = 0;
  let pendingTimersFirst = 0;
  let pendingTimersLast = 0;
  let pendingTimersMax = 0;
  let heapWarm = 0;
  const heapNow = (): number => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const began = performance.now();
  try {
    for (let number = 1; number <= sessions; number += 1) {
      const behaviour = pick(random, ['cooperative', 'cooperative', 'quits', 'asksHelp', 'silent'] as const);
      const faults = random() < 0.6 ? randomFaults(random) : [];
      byBehaviour[behaviour] += 1;
      if (faults.length > 0) faulted += 1;
      cleanBetweenPatients(cabin.controller);
      const {
        ended,
        last,
        sawFailure: failed,
      } = await runSession(cabin, random, behaviour, faults, maxTicks);
      if (failed) sawFailure += 1;
      if (!ended) {
        stuck.push(
          `seed ${seed} session ${number} (${behaviour}, faults ${faults.map((f) => f.kind).join('+') || 'none'}): stuck at ${last}`,
        );
        break;
      }
      // A help call still showing after the patient left is answered by the attendant, as on the staff panel.
      if (viewOf(cabin.controller).helpCall)
        attendantCommand(cabin.controller, { type: 'attendant.acknowledgeHelp' });
      cleanBetweenPatients(cabin.controller);
      const left = leftover(cabin);
      if (left) leftovers.push(`seed ${seed} session ${number} (${behaviour}): ${left}`);
      const pending = cabin.clock.pending();
      if (number === 1) pendingTimersFirst = pending;
      pendingTimersLast = pending;
      pendingTimersMax = Math.max(pendingTimersMax, pending);
      if (number === warmSessions) heapWarm = heapNow();
      if (heapEvery && number % heapEvery === 0) heapSamples.push(heapNow());
    }
  } catch (error) {
    await cabin.dispose();
    throw error;
  }
  const msPerSession = (performance.now() - began) / sessions;
  const heapLast = heapNow();
  await cabin.dispose();
  return {
    sessions,
    byBehaviour,
    faulted,
    sawFailure,
    stuck,
    leftovers,
    pendingTimersFirst,
    pendingTimersLast,
    pendingTimersMax,
    heapWarm,
    heapLast,
    heapSamples,
    msPerSession,
  };
}
