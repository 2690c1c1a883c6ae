// The Carte Vitale on a real PC/SC stack: a private pcscd with the vpcd driver and the virtual card.
// One file, run in order: the tests share one pcscd and one virtual reader.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type CabinView, type CardFact } from '../../../contract';
import { defaultConfig } from '../../../main/config';
import { createController } from '../../../main/controller';
import type { SimulatedPeripherals } from '../../../main/peripherals';
import { peripheralsFor } from '../../../main/peripherals-for-config';
import { openCabinStore } from '../../../main/store';
import { MemoryOperationLog } from '../../../main/test-support/memory-operation-log';
import { viewOf } from '../../support/patient-robot';
import { PcscIdCardReader } from '../../../devices/vitale/pcsc-id-card-reader';
import { PublicLayoutVitaleReader } from '../../../devices/vitale/public-layout-vitale-reader';
import {
  CPS3_ATR,
  VIRTUAL_FAMILY,
  VirtualVitaleCard,
  type VirtualVitaleCardOptions,
} from '../../../devices/vitale/virtual-vitale-card';
import type { PcscEvent } from '../../../drivers/pcsc/pcsc-context';
import { PcscliteContext } from '../../../drivers/pcsc/pcsclite-context';
import { PcscdProcess, pcscdMissing } from './pcscd-process';
import { skipWithout } from '../../support/real-stack';
import { until } from '../../support/until';

const missing = pcscdMissing();
const READER = 'Virtual PCD 00 00';

const TITLE = `Carte Vitale on pcscd${missing === null ? '' : ` (skipped: ${missing})`}`;

describe.skipIf(skipWithout(missing)).sequential(TITLE, { timeout: 20_000 }, () => {
  const pcscd = new PcscdProcess();
  let context: PcscliteContext;
  let cabin: PcscIdCardReader;
  const codes: string[] = [];
  const cards: VirtualVitaleCard[] = [];

  beforeAll(async () => {
    await pcscd.start();
    context = new PcscliteContext(systemClock, {
      transmitTimeoutMs: 800,
      retryMs: [100, 200, 400],
      onCode: (c) => codes.push(c),
    });
    cabin = new PcscIdCardReader(context, new PublicLayoutVitaleReader(), {
      onCode: (c, d) => codes.push(d === undefined ? c : `${c}:${d}`),
    });
    await until(() => context.snapshot().readers.length > 0);
  });

  afterAll(async () => {
    for (const card of cards) await card.remove();
    context.close();
    await pcscd.stop();
  });

  function card(options: VirtualVitaleCardOptions = {}): VirtualVitaleCard {
    const created = new VirtualVitaleCard(options);
    cards.push(created);
    return created;
  }

  // Starts waiting like the session does, inserts the card, and answers the facts reported.
  async function insertAndRead(virtual: VirtualVitaleCard, timeoutMs = 8000): Promise<CardFact[]> {
    const facts: CardFact[] = [];
    const cancel = cabin.readNextCard((fact) => facts.push(fact));
    expect((await virtual.insert()).ok).toBe(true);
    await until(() => facts.some((f) => f.type !== 'card.inserted'), timeoutMs);
    cancel();
    return facts;
  }

  async function removeAndWait(virtual: VirtualVitaleCard): Promise<void> {
    await virtual.remove();
    await until(() => context.snapshot().readers.find((r) => r.name === READER)?.card === null);
  }

  it('answers ok for the self-test while a reader is there', async () => {
    expect(await cabin.check()).toBe('ok');
  });

  it('reads a card with one beneficiary when it is inserted', async () => {
    const virtual = card({ beneficiaries: VIRTUAL_FAMILY.slice(0, 1) });
    const facts = await insertAndRead(virtual);
    expect(facts.map((f) => f.type)).toEqual(['card.inserted', 'card.read']);
    const read = facts[1];
    expect(read?.type === 'card.read' && read.beneficiaries).toEqual([
      {
        surname: 'MARTINEAU',
        firstName: 'Odile',
        birthDate: '1948-03-12',
        nir: '248037512345658',
        source: 'card',
        holder: true,
      },
    ]);
    await removeAndWait(virtual);
  });

  it('reads every beneficiary of a family card, and sees the card go', async () => {
    const virtual = card();
    const presence: boolean[] = [];
    const stop = cabin.watchPresence((present) => presence.push(present));
    const facts = await insertAndRead(virtual);
    const read = facts.find((f) => f.type === 'card.read');
    expect(read?.type === 'card.read' && read.beneficiaries.map((b) => b.firstName)).toEqual([
      'Odile',
      'Lucas',
    ]);
    await removeAndWait(virtual);
    stop();
    expect(presence).toEqual([false, true, false]);
  });

  it('reads a card that was already in the reader when the session started waiting', async () => {
    const virtual = card();
    await virtual.insert();
    await until(() => context.snapshot().readers[0]?.card != null);
    const facts: CardFact[] = [];
    const cancel = cabin.readNextCard((fact) => facts.push(fact));
    await until(() => facts.length === 2);
    cancel();
    expect(facts.map((f) => f.type)).toEqual(['card.inserted', 'card.read']);
    await removeAndWait(virtual);
  });

  it('reports card.removed when the card is pulled out between two APDUs', async () => {
    const virtual = card({ behaviour: { kind: 'removeAfterApdus', apdus: 5 } });
    const facts = await insertAndRead(virtual);
    expect(facts).toEqual([
      { type: 'card.inserted' },
      { type: 'card.failed', error: { code: 'card.removed' } },
    ]);
    await removeAndWait(virtual);
  });

  it('reports card.mute for a card that never answers, and reads the next card', async () => {
    const mute = card({ behaviour: { kind: 'mute' } });
    const facts = await insertAndRead(mute);
    expect(facts).toEqual([{ type: 'card.inserted' }, { type: 'card.failed', error: { code: 'card.mute' } }]);
    await removeAndWait(mute);
    const good = card();
    expect((await insertAndRead(good)).map((f) => f.type)).toEqual(['card.inserted', 'card.read']);
    await removeAndWait(good);
  });

  it('reports card.unreadable for a card that answers garbage or wrong lengths', async () => {
    for (const kind of ['garbage', 'wrongLength'] as const) {
      const bad = card({ behaviour: { kind } });
      expect(await insertAndRead(bad)).toEqual([
        { type: 'card.inserted' },
        { type: 'card.failed', error: { code: 'card.unreadable' } },
      ]);
      await removeAndWait(bad);
    }
  });

  it('reports card.cps for a professional card without reading it', async () => {
    const cps = card({ atr: CPS3_ATR });
    expect(await insertAndRead(cps)).toEqual([
      { type: 'card.inserted' },
      { type: 'card.failed', error: { code: 'card.cps' } },
    ]);
    await removeAndWait(cps);
  });

  it('says the reader does not work when pcscd is killed while the cabin waits, and reads again once it is back', async () => {
    const events: PcscEvent['type'][] = [];
    const stop = context.subscribe((e) => events.push(e.type));
    let readerChanges = 0;
    const stopWatching = cabin.watchReader(() => (readerChanges += 1));
    const facts: CardFact[] = [];
    const cancel = cabin.readNextCard((fact) => facts.push(fact));
    await pcscd.stop('SIGKILL');
    await until(() => !context.snapshot().available);
    // The patient waiting in front of the reader is told at once, with a way forward (typing the details).
    await until(() => facts.length > 0);
    expect(facts).toEqual([{ type: 'card.failed', error: { code: 'card.readerAbsent' } }]);
    expect(await cabin.check()).toBe('faulty');
    // While pcscd is down, a new attempt is told the same, rather than waiting for nothing.
    const whileDown: CardFact[] = [];
    const cancelWhileDown = cabin.readNextCard((fact) => whileDown.push(fact));
    await until(() => whileDown.length > 0);
    expect(whileDown).toEqual([{ type: 'card.failed', error: { code: 'card.readerAbsent' } }]);
    cancelWhileDown();
    cancel();
    await pcscd.start();
    await until(() => context.snapshot().available && context.snapshot().readers.length > 0);
    expect(await cabin.check()).toBe('ok');
    expect(readerChanges).toBeGreaterThanOrEqual(2);
    const virtual = card();
    expect((await insertAndRead(virtual)).map((f) => f.type)).toEqual(['card.inserted', 'card.read']);
    stop();
    stopWatching();
    expect(events).toContain('readerRemoved');
    expect(events.filter((e) => e === 'service')).toHaveLength(2);
    await removeAndWait(virtual);
  });

  it('through the whole cabin: pcscd killed shows the reader faulty and "the reader does not work", and the retry reads once it is back', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-pcscd-'));
    const base = defaultConfig(directory);
    const config = {
      ...base,
      simulation: { stepMs: 50, callMs: 1_000, byteLevelDevices: false, cardReader: 'virtualCard' as const },
      platform: { ...base.platform, kind: 'simulated' as const },
    };
    mkdirSync(config.dataDirectory, { recursive: true });
    const log = new MemoryOperationLog();
    const peripherals = (await peripheralsFor(config, log, systemClock)) as SimulatedPeripherals;
    const store = openCabinStore(join(config.dataDirectory, 'cabin.db'));
    if (!store.ok) throw new Error(store.error.code);
    const controller = createController({ config, peripherals, log, store: store.value });
    try {
      await controller.booted;
      const view = (): CabinView => viewOf(controller);
      const reader = (): string | undefined =>
        view().peripherals.find((p) => p.peripheral === 'cardReader')?.state;
      expect(reader()).toBe('ok');
      // The patient has not put the card in yet when pcscd dies.
      peripherals.script.card = 'none';
      controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } });
      controller.server.act({ type: 'patient.next' });
      controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
      expect(view().session?.screen).toMatchObject({ step: 'identification', stage: 'waitingForCard' });
      await pcscd.stop('SIGKILL');
      await until(() => reader() === 'faulty', 5_000, 'the reader shown faulty');
      expect(view().session?.screen).toMatchObject({
        step: 'identification',
        stage: 'cardFailed',
        failure: 'card.readerAbsent',
      });
      await pcscd.start();
      await until(() => reader() === 'ok', 8_000, 'the reader shown working again');
      peripherals.script.card = 'oneBeneficiary';
      controller.server.act({ type: 'patient.retry' });
      await until(
        () =>
          view().session?.screen.step === 'identification' &&
          (view().session?.screen as { stage?: string }).stage === 'confirming',
        8_000,
        'the card read',
      );
      controller.server.act({ type: 'patient.quit' });
      await until(() => view().phase === 'ready', 5_000, 'the cabin ready');
      peripherals.cardReader.setCardPresent(false);
    } finally {
      await controller.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('logs codes only: nothing read from a card reaches the log callback', () => {
    const everything = codes.join(' ');
    expect(everything).toMatch(/^[A-Za-z0-9_.:/ -]*$/);
    for (const b of VIRTUAL_FAMILY) {
      expect(everything).not.toContain(b.surname);
      expect(everything).not.toContain(b.nir.slice(0, 13));
    }
  });

  it('prints one JSON line with `npm run diag -- card`', async () => {
    const virtual = card();
    await virtual.insert();
    const run = await runDiag();
    expect(run.code).toBe(0);
    const line = JSON.parse(run.stdout.trim()) as {
      reader: string;
      atr: string;
      cardClass: string;
      beneficiaries: { firstName: string }[];
    };
    expect(line).toMatchObject({ reader: READER, atr: '3B751300004409EA9000', cardClass: 'vitale2' });
    expect(line.beneficiaries.map((b) => b.firstName)).toEqual(['Odile', 'Lucas']);
    await removeAndWait(virtual);
  });

  it('fails `npm run diag -- card` with a clear message when pcscd is not running', async () => {
    await pcscd.stop();
    const run = await runDiag();
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('pcscd is not running');
    await pcscd.start();
  });
});

function runDiag(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'main/diag/diag.ts', 'card', '--wait-ms', '3000'], {
      cwd: process.cwd(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
