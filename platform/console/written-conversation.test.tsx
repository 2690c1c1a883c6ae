// @vitest-environment jsdom
// What the professional notices of the patient's needs and of the written conversation on the console,
// with the platform played through a fake WebSocket: the needs in the waiting room and the call's header,
// messages written and read, a patient's text shown as plain text, and nothing left after the call.
import { afterEach, describe, expect, it } from 'vitest';
import { billingDetailsOf } from '../../contract/billing';
import type { PatientSummary, QueueEntryView, VisitSummary } from '../../contract/platform-protocol';
import { logIn, openConsole, TEST_NOW, type ConsolePage } from './test-support/console-harness';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

const NEEDS = { writtenConversation: true, subtitles: true, largeText: true };
/** A deaf patient with English screens, who asked for the written conversation. */
const SAM: QueueEntryView = {
  sessionId: 'session-sam',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 60_000,
  locale: 'en',
  needs: NEEDS,
};
/** A patient who asked for nothing, with French screens (an older cabin sends no needs at all). */
const LEA: QueueEntryView = {
  sessionId: 'session-lea',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 30_000,
  locale: 'fr',
};
const SAM_PATIENT: PatientSummary = {
  surname: 'Smith',
  firstName: 'Sam',
  birthDate: '1970-01-01',
  nir: null,
  source: 'manual',
};
const SAM_VISIT: VisitSummary = { locale: 'en', cover: null, needs: NEEDS };

async function inWaitingRoom(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const page = await openConsole();
  opened = page;
  const socket = await logIn(page);
  await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [SAM, LEA] }));
  return { page, socket };
}

async function inCall(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const { page, socket } = await inWaitingRoom();
  await page.click(`accept-${SAM.sessionId}`);
  await page.platform(() => {
    socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
    socket.push({
      type: 'call.started',
      sessionId: SAM.sessionId,
      patient: SAM_PATIENT,
      visit: SAM_VISIT,
      billing: billingDetailsOf({ ...SAM_PATIENT, holder: true }, null, false),
      consent: null,
      measurements: [],
    });
  });
  return { page, socket };
}

describe('the patient’s needs before the call', () => {
  it('the waiting room says who wants the written conversation, subtitles, large text, and how to speak', async () => {
    const { page } = await inWaitingRoom();
    const [sam, lea] = page.all('queue-entry');
    const needs = sam?.querySelector('[data-testid="queue-needs"]')?.textContent ?? '';
    expect(needs).toContain('Conversation écrite demandée');
    expect(needs).toContain('sourd ou malentendant');
    expect(needs).toContain('Sous-titres activés');
    expect(needs).toContain('Langue du patient : anglais. Parlez lentement, en phrases courtes.');
    expect(needs).toContain('Grand texte');
    // A French patient who asked for nothing: no line at all.
    expect(lea?.querySelector('[data-testid="queue-needs"]')).toBeNull();
    expect(page.text()).not.toContain('Smith');
  });

  it('the call’s header says it again, beside who the patient is', async () => {
    const { page } = await inCall();
    expect(page.get('call-needs').textContent).toContain('Conversation écrite demandée');
    expect(page.get('chat-panel').textContent).toContain('Le patient a demandé la conversation écrite');
  });
});

describe('the written conversation in the call', () => {
  it('sends what the professional writes, shows it once relayed, and shows the patient’s answers', async () => {
    const { page, socket } = await inCall();
    await page.type('chat-input', '  Où avez-vous mal ?  ');
    await page.click('chat-send');
    expect(socket.lastSent('chat.send')).toMatchObject({
      sessionId: SAM.sessionId,
      text: 'Où avez-vous mal ?',
    });
    expect(page.all('chat-message')).toHaveLength(0);
    await page.platform(() => socket.replyTo('chat.send', null));
    expect(page.all('chat-message').map((line) => line.textContent)).toEqual(['Vous : Où avez-vous mal ?']);
    expect((page.get('chat-input') as HTMLTextAreaElement).value).toBe('');

    await page.platform(() =>
      socket.push({
        type: 'call.chat',
        sessionId: SAM.sessionId,
        from: 'patient',
        text: '<b>J’ai mal</b>\u202E',
      }),
    );
    const lines = page.all('chat-message');
    expect(lines.map((line) => line.dataset.from)).toEqual(['professional', 'patient']);
    // The patient's text is plain text, cleaned of its bidi override by the protocol.
    expect(lines[1]?.textContent).toBe('Patient : <b>J’ai mal</b>');
    expect(lines[1]?.querySelector('b')).toBeNull();
  });

  it('keeps the draft and says so when the message could not go, and ignores another call’s messages', async () => {
    const { page, socket } = await inCall();
    await page.type('chat-input', 'Bonjour');
    await page.click('chat-send');
    await page.platform(() => socket.failTo('chat.send', 'call.ended'));
    expect(page.text()).toContain('Le message n’a pas pu être envoyé au patient.');
    expect((page.get('chat-input') as HTMLTextAreaElement).value).toBe('Bonjour');
    await page.platform(() =>
      socket.push({ type: 'call.chat', sessionId: 'session-lea', from: 'patient', text: 'Autre' }),
    );
    expect(page.all('chat-message')).toHaveLength(0);
  });

  it('forgets the conversation when the call ends', async () => {
    const { page, socket } = await inCall();
    await page.platform(() =>
      socket.push({ type: 'call.chat', sessionId: SAM.sessionId, from: 'patient', text: 'Merci' }),
    );
    expect(page.all('chat-message')).toHaveLength(1);
    await page.platform(() =>
      socket.push({ type: 'call.ended', sessionId: SAM.sessionId, reason: 'patientLeft' }),
    );
    expect(page.query('chat-panel')).toBeNull();
    expect(page.text()).not.toContain('Merci');
  });
});
