// The cabin's process killed with -9 in the middle of a session, as a crash or a power cut would, then
// started again on the same data folder: `npm start`'s own entry point (browser mode, simulated hardware)
// driven over its real API socket, the way the kiosk window drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CabinView, PatientAction, StepName } from '../../../contract';
import { SAMPLE_BENEFICIARIES } from '../../../devices/simulated/sample-patients';
import { SESSION_HEARTBEAT_MS } from '../../../main/session-heartbeat';
import { DEMO_STAFF_PINS } from '../../../main/staff/staff-access';
import { hitsUnder } from '../../support/patient-traces';
import { until } from '../../support/until';

const root = resolve(import.meta.dirname, '../../..');

/** A cabin process and its API socket, as the kiosk window holds it. */
interface CabinProcess {
  readonly child: ChildProcess;
  /** The last view the cabin pushed. */
  view(): CabinView | null;
  call(method: string, params: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
  close(): void;
}

async function startCabinProcess(configFile: string): Promise<CabinProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/start.ts', '--no-browser', '--browser-mode', '--config', configFile],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const launchUrl = await new Promise<string>((done, fail) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /open the cabin once at (\S+)/.exec(output);
      if (found?.[1]) done(found[1]);
    });
    child.once('exit', () => fail(new Error(`the cabin exited before listening: ${output}`)));
  });
  const launched = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { host } = new URL(launchUrl);
  const socket = new WebSocket(`ws://${host}/api`, { headers: { cookie } });
  await new Promise((done, fail) => {
    socket.once('open', done);
    socket.once('error', fail);
  });
  let last: CabinView | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: { ok: boolean; error?: { code: string } }) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as {
      kind: string;
      id?: number;
      result?: { ok: boolean; value?: unknown };
      event?: { type: string; view?: CabinView };
    };
    if (message.kind === 'event' && message.event?.type === 'view.changed') last = message.event.view ?? null;
    if (message.kind === 'reply' && message.id !== undefined)
      pending.get(message.id)?.(message.result as never);
  });
  const call = (method: string, params: unknown) =>
    new Promise<{ ok: boolean; error?: { code: string } }>((done) => {
      const id = nextId++;
      pending.set(id, done);
      socket.send(JSON.stringify({ kind: 'call', id, method, params }));
    });
  const first = (await call('getView', undefined)) as { ok: boolean; value?: CabinView };
  last = first.value ?? null;
  return { child, view: () => last, call, close: () => socket.close() };
}

const stepOf = (view: CabinView | null): StepName | undefined => view?.session?.screen.step;

/** Walks the patient forward, one expected action a screen, until the session shows `step`. */
async function walkTo(cabin: CabinProcess, step: StepName): Promise<void> {
  const act = (action: PatientAction) => cabin.call('act', action);
  await cabin.call('startSession', { locale: 'fr', accessibility: { largeText: false, readAloud: false } });
  await until(() => stepOf(cabin.view()) === 'information', 5_000, 'the information screen');
  await act({ type: 'patient.next' });
  await act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
  if (step === 'consent' || step === 'identification') return;
  await until(
    () => (cabin.view()?.session?.screen as { stage?: string }).stage === 'choosingBeneficiary',
    5_000,
    'the card read',
  );
  await act({ type: 'patient.chooseBeneficiary', index: 0 });
  await act({ type: 'patient.confirmIdentity' });
  await until(() => stepOf(cabin.view()) === 'appointment', 5_000, 'the appointment step');
}

const directories: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('the cabin process killed with -9 and started again', { timeout: 60_000 }, () => {
  it.each(['identification', 'appointment'] as const)(
    'during %s: the session is closed at its last heartbeat, nothing of the patient stays, the cabin waits for cleaning then serves',
    async (step) => {
      const directory = mkdtempSync(join(tmpdir(), 'cabine-kill-'));
      directories.push(directory);
      const configFile = join(directory, 'cabin.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          dataDirectory: join(directory, 'data'),
          logDirectory: join(directory, 'logs'),
          platform: { kind: 'simulated' },
          simulation: { stepMs: 50, callMs: 60_000, cardReader: 'domain' },
        }),
      );
      const first = await startCabinProcess(configFile);
      children.push(first.child);
      await walkTo(first, step);
      // The patient stays on the screen past a heartbeat, then the process dies without a word.
      await new Promise((done) => setTimeout(done, SESSION_HEARTBEAT_MS + 500));
      const killedAt = Date.now();
      first.child.kill('SIGKILL');
      await new Promise((done) => first.child.once('exit', done));
      first.close();

      const second = await startCabinProcess(configFile);
      children.push(second.child);
      await until(() => second.view()?.phase !== 'booting', 10_000, 'the boot');
      expect(second.view()).toMatchObject({
        phase: 'ready',
        needsCleaning: true,
        waitingForCleaning: true,
        session: null,
      });
      const refused = await second.call('startSession', {
        locale: 'fr',
        accessibility: { largeText: false, readAloud: false },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'cabin.waitingForCleaning' } });
      // The attendant marks the booth cleaned; the next patient starts.
      const login = (await second.call('staffLogin', {
        role: 'attendant',
        pin: DEMO_STAFF_PINS.attendant,
      })) as {
        ok: boolean;
        value?: { token: string };
      };
      const token = login.value?.token ?? '';
      expect(await second.call('staff', { token, command: { type: 'attendant.markCleaned' } })).toMatchObject(
        { ok: true },
      );
      await second.call('staff', { token, command: { type: 'staff.logout' } });
      expect(
        await second.call('startSession', {
          locale: 'fr',
          accessibility: { largeText: false, readAloud: false },
        }),
      ).toMatchObject({ ok: true });
      await until(() => stepOf(second.view()) === 'information', 5_000, 'the next patient');
      second.child.kill('SIGTERM');
      await new Promise((done) => second.child.once('exit', done));
      second.close();

      const store = new Database(join(directory, 'data', 'cabin.db'), { readonly: true });
      const sessions = store
        .prepare('SELECT outcome, ended_at AS endedAt FROM session_audit ORDER BY started_at')
        .all() as {
        outcome: string;
        endedAt: number;
      }[];
      store.close();
      // The cut session, and the next patient's, ended as the cabin stopped.
      expect(sessions).toHaveLength(2);
      expect(sessions[0]?.outcome).toBe('interrupted');
      expect(sessions[0]?.endedAt).toBeLessThanOrEqual(killedAt);
      expect(sessions[0]?.endedAt).toBeGreaterThan(killedAt - SESSION_HEARTBEAT_MS - 1_000);
      expect(SAMPLE_BENEFICIARIES.flatMap((patient) => hitsUnder(directory, patient))).toEqual([]);
    },
  );
});
