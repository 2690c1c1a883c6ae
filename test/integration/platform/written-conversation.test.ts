// The written conversation through the real reference platform, over real WebSockets: the cabin's own
// platform link on one side, the practitioner console's desk (the console's model, without its page) on
// the other. The patient's needs reach the waiting room before the call; the messages go both ways in
// the call; after it, nothing of the conversation is in the cabin's operation log nor the platform's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallFact, LoginReply, QueueEvent } from '../../../contract';
import { createOperationLog, LOG_FILE_NAME, type OperationLog } from '../../../main/log/operation-log';
import type { PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import type { DeskView } from '../../../platform/console/desk-view';
import { PractitionerDesk } from '../../../platform/console/practitioner-desk';
import { FakeMediaFactory } from '../../../platform/console/test-support/fake-console-media';
import type { RunningPlatform } from '../../../platform/server/platform-server';
import { postLogin, socketUrl } from '../../../platform/server/test-support/test-peer';
import { ManualClock } from '../../support/manual-clock';
import {
  doctorQueueEntry,
  FactLog,
  startTestPlatform,
  TEST_DOCTOR,
  TEST_PATIENT,
  testCabinLink,
} from '../../support/platform-fixtures';

const WAIT_MS = 3_000;

describe('the written conversation between the cabin and the console, through the platform', () => {
  let clock: ManualClock;
  let platform: RunningPlatform;
  let link: PlatformSocketLink;
  let desk: PractitionerDesk;
  let cabinLog: OperationLog;
  let directory: string;
  const platformLog: string[] = [];

  beforeEach(async () => {
    clock = new ManualClock(1_000_000);
    directory = mkdtempSync(join(tmpdir(), 'cabine-conversation-'));
    cabinLog = createOperationLog({ directory, maxFileBytes: 1_000_000, maxFiles: 2, clock });
    platform = await startTestPlatform({
      clock,
      log: (event, fields = {}) => platformLog.push(`${event} ${JSON.stringify(fields)}`),
    });
    link = testCabinLink(platform.url, clock, { log: cabinLog });
    const login = await postLogin(platform.url, { login: TEST_DOCTOR.login, password: TEST_DOCTOR.password });
    const reply = login.body as LoginReply;
    desk = new PractitionerDesk({
      token: reply.token,
      expiresAt: reply.expiresAt,
      professional: reply.professional,
      socketUrl: socketUrl(platform.url),
      openSocket: (url) => new WebSocket(url),
      media: new FakeMediaFactory(),
      clock,
      onSessionEnd: () => undefined,
    });
    desk.start();
  });

  afterEach(async () => {
    desk.stop();
    link.close();
    await platform.stop();
    cabinLog.close();
    rmSync(directory, { recursive: true, force: true });
    platformLog.length = 0;
  });

  /** Resolves once the console's view fits `condition` (each change of the desk is checked). */
  function deskShows(condition: (view: DeskView) => boolean, what: string): Promise<DeskView> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!condition(desk.getView())) return false;
        clearTimeout(timer);
        unsubscribe();
        resolve(desk.getView());
        return true;
      };
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`the console never showed ${what}`));
      }, WAIT_MS);
      const unsubscribe = desk.subscribe(() => void check());
      check();
    });
  }

  it('the needs before the call, the messages both ways, and nothing of them in either log', async () => {
    await deskShows((view) => view.link === 'online', 'the connection');
    const queue = new FactLog<QueueEvent>();
    link.joinQueue(
      {
        ...doctorQueueEntry('s1'),
        locale: 'en',
        accessibility: { largeText: true, readAloud: false, writtenConversation: true },
      },
      queue.report,
    );
    await queue.next('queue.updated');
    // Before the call: the waiting room says what the patient asked for, and nothing of who they are.
    const waiting = await deskShows((view) => view.queue.length === 1, 'the waiting patient');
    expect(waiting.queue[0]).toMatchObject({
      sessionId: 's1',
      locale: 'en',
      needs: { writtenConversation: true, subtitles: false, largeText: true },
    });
    expect(JSON.stringify(waiting.queue)).not.toContain(TEST_PATIENT.surname);

    await desk.accept('s1');
    await queue.next('queue.assigned');
    const call = new FactLog<CallFact>();
    link.joinCall('s1', call.report);
    await call.next('call.joined');
    await deskShows((view) => view.call?.visit?.needs?.writtenConversation === true, 'the needs in the call');

    await expect(desk.sendChat('Bonjour, où avez-vous mal ?')).resolves.toBe(true);
    await expect(call.next('call.messageReceived')).resolves.toEqual({
      type: 'call.messageReceived',
      text: 'Bonjour, où avez-vous mal ?',
    });
    await expect(link.sendMessage('s1', 'J’ai mal à la tête\u202E')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    const answered = await deskShows((view) => view.call?.chat.length === 2, 'the answer');
    expect(answered.call?.chat).toEqual([
      { from: 'professional', text: 'Bonjour, où avez-vous mal ?' },
      // What the patient's side sent reaches the console cleaned of its bidi override.
      { from: 'patient', text: 'J’ai mal à la tête' },
    ]);

    await desk.endCall();
    await call.next('call.ended');
    await deskShows((view) => view.call === null, 'the end of the call');
    await expect(link.sendMessage('s1', 'Encore là ?')).resolves.toMatchObject({
      ok: false,
      error: { code: 'call.ended' },
    });

    const cabinLines = readFileSync(join(directory, LOG_FILE_NAME), 'utf8');
    expect(cabinLines).toContain('platform.connected');
    const logs = [cabinLines, ...platformLog].join('\n');
    expect(logs).toContain('call.accepted');
    for (const said of ['Bonjour', 'avez-vous', 'mal à', 'tête', 'Encore', TEST_PATIENT.surname]) {
      expect(logs).not.toContain(said);
    }
  });
});
