// @vitest-environment jsdom
// The patient's help call as the professional notices it during the consultation, with the platform
// played through a fake WebSocket: the notice shows, the professional answers it, it goes.
import { afterEach, describe, expect, it } from 'vitest';
import type { PatientSummary, QueueEntryView } from '../../contract/platform-protocol';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';
import { takeDirectCall, TEST_NOW, type ConsolePage } from './test-support/console-harness';

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

const PATIENT: QueueEntryView = {
  sessionId: 'session-help',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 60_000,
  locale: 'fr',
};

/** Who the patient is: only the professional who takes the call receives it. */
const IDENTITY: PatientSummary = {
  surname: 'Martin',
  firstName: 'Jeanne',
  birthDate: '1950-03-02',
  nir: null,
  source: 'card',
};

/** Takes the patient's call in direct mode. */
async function inCall(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const call = await takeDirectCall({ entry: PATIENT, patient: IDENTITY });
  opened = call.page;
  return call;
}

describe('a help call during the consultation', () => {
  it('says the patient asks for help, and goes once the professional takes care of it', async () => {
    const { page, socket } = await inCall();
    expect(page.query('call-help')).toBeNull();
    await page.platform(() =>
      socket.push({ type: 'call.helpChanged', sessionId: PATIENT.sessionId, active: true }),
    );
    expect(page.get('call-help').textContent).toContain('Le patient demande de l’aide.');
    await page.click('call-help-answer');
    expect(socket.lastSent('help.answer')).toMatchObject({
      type: 'help.answer',
      sessionId: PATIENT.sessionId,
    });
    await page.platform(() => socket.replyTo('help.answer', null));
    expect(page.query('call-help')).toBeNull();
  });

  it('goes when the patient cancels it or someone else answers, and ignores another session’s call', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.push({ type: 'call.helpChanged', sessionId: 'another', active: true }));
    expect(page.query('call-help')).toBeNull();
    await page.platform(() =>
      socket.push({ type: 'call.helpChanged', sessionId: PATIENT.sessionId, active: true }),
    );
    expect(page.query('call-help')).not.toBeNull();
    await page.platform(() =>
      socket.push({ type: 'call.helpChanged', sessionId: PATIENT.sessionId, active: false }),
    );
    expect(page.query('call-help')).toBeNull();
  });
});
