// @vitest-environment jsdom
// The examination instruments as the professional notices them on the console, with the platform played
// through a fake WebSocket and the call's media through a fake: asking for one, seeing it large with its
// frames counted, taking stills that stay in the page, switching, ending, and the plain messages of a
// failure or of the patient's stop.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InstrumentKind, InstrumentUse } from '../../contract/instrument';
import type { PatientSummary, QueueEntryView, VisitSummary } from '../../contract/platform-protocol';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';
import { INSTRUMENT_FRAMES_SAMPLE_MS } from './instrument-desk';
import { takeDirectCall, TEST_NOW, type ConsolePage } from './test-support/console-harness';

/** jsdom has no MediaStream: a stand-in holding its tracks, enough for a media element's srcObject. */
class StandInStream {
  constructor(readonly tracks: readonly MediaStreamTrack[]) {}
  getTracks(): readonly MediaStreamTrack[] {
    return this.tracks;
  }
}

beforeAll(() => vi.stubGlobal('MediaStream', StandInStream));
afterAll(() => vi.unstubAllGlobals());

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

const PATIENT: QueueEntryView = {
  sessionId: 'session-ear',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 60_000,
  locale: 'fr',
};

const IDENTITY: PatientSummary = {
  surname: 'Martin',
  firstName: 'Jeanne',
  birthDate: '1950-03-02',
  nir: null,
  source: 'card',
};

/** Takes the patient's call in direct mode, from a cabin that found `instruments` (absent: it does not say). */
async function inCall(
  instruments?: readonly InstrumentKind[],
): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const visit: VisitSummary = {
    locale: 'fr',
    cover: null,
    ...(instruments === undefined ? {} : { instruments }),
  };
  const call = await takeDirectCall({ entry: PATIENT, patient: IDENTITY, visit });
  opened = call.page;
  return call;
}

/** The cabin says where the instrument stands. */
async function cabinSays(page: ConsolePage, socket: FakeTextSocket, use: InstrumentUse): Promise<void> {
  await page.platform(() => socket.push({ type: 'call.instrument', sessionId: PATIENT.sessionId, use }));
}

/** The state the console shows: [kind, state], or null when nothing is shown. */
function stateOf(page: ConsolePage): [string | undefined, string | undefined] | null {
  const element = page.query('instrument-state');
  return element === null ? null : [element.dataset.kind, element.dataset.state];
}

describe('an examination instrument in the call', () => {
  it('is asked for, seen large with its frames counted, kept as stills in the page only, switched, then ended', async () => {
    const { page, socket } = await inCall(['otoscope', 'stethoscope']);
    expect(page.query('request-instrument-otoscope')).not.toBeNull();
    expect(page.query('request-instrument-stethoscope')).not.toBeNull();
    expect(page.query('request-instrument-dermatoscope')).toBeNull();
    expect(page.query('request-instrument-examinationCamera')).toBeNull();

    await page.click('request-instrument-otoscope');
    expect(socket.lastSent('call.requestInstrument')).toMatchObject({
      sessionId: PATIENT.sessionId,
      kind: 'otoscope',
    });
    expect(stateOf(page)).toEqual(['otoscope', 'asked']);
    await page.platform(() => socket.replyTo('call.requestInstrument', null));
    await cabinSays(page, socket, { kind: 'otoscope', state: 'starting' });
    expect(stateOf(page)).toEqual(['otoscope', 'starting']);
    expect(page.get('instrument-state').textContent).toBe("Le patient prend l'otoscope en main.");

    // The track may come before the cabin says which tag it is: the two are joined by the tag.
    const otoscope = new FakeMediaStreamTrack({ kind: 'video', id: 'otoscope-track' });
    const media = page.media.latest;
    await page.platform(() => media.options.onInstrumentTrack('2', otoscope));
    expect(page.query('instrument-video')).toBeNull();
    await cabinSays(page, socket, { kind: 'otoscope', state: 'on', mediaTag: '2' });
    expect(stateOf(page)).toEqual(['otoscope', 'on']);
    const video = page.get('instrument-video') as HTMLVideoElement;
    expect(video.dataset.kind).toBe('otoscope');
    expect((video.srcObject as unknown as StandInStream).getTracks()).toEqual([otoscope]);
    expect(page.get('remote-video').className).toContain('beside-instrument');

    media.trackFrames.set('2', 48);
    await page.advance(INSTRUMENT_FRAMES_SAMPLE_MS);
    expect(page.get('instrument-video').dataset.framesDecoded).toBe('48');

    const sentBefore = socket.sent().length;
    await page.click('take-still');
    await page.click('take-still');
    expect(page.media.captured).toEqual([video, video]);
    expect(page.all('instrument-still')).toHaveLength(2);
    const link = page.all('instrument-still-download')[0] as HTMLAnchorElement;
    expect(link.href).toBe(page.media.stillImage);
    expect(link.download).toBe('otoscope-1.png');
    expect(socket.sent()).toHaveLength(sentBefore);

    // Switching is asking for another one; the stills stay.
    await page.click('request-instrument-stethoscope');
    expect(socket.lastSent('call.requestInstrument')).toMatchObject({ kind: 'stethoscope' });
    await page.platform(() => socket.replyTo('call.requestInstrument', null));
    expect(stateOf(page)).toEqual(['stethoscope', 'asked']);
    await cabinSays(page, socket, { kind: 'otoscope', state: 'ended' });
    expect(stateOf(page)).toEqual(['stethoscope', 'asked']);
    const stethoscope = new FakeMediaStreamTrack({ kind: 'audio', id: 'stethoscope-track' });
    await page.platform(() => media.options.onInstrumentTrack('3', stethoscope));
    await cabinSays(page, socket, { kind: 'stethoscope', state: 'on', mediaTag: '3' });
    expect(stateOf(page)).toEqual(['stethoscope', 'on']);
    expect(page.query('instrument-video')).toBeNull();
    expect(page.query('take-still')).toBeNull();
    expect(page.get('remote-video').className).not.toContain('beside-instrument');
    expect(page.get('auscultation').textContent).toBe(
      'Auscultation en cours : le haut-parleur de la cabine est coupé',
    );
    const audio = page.get('auscultation-audio') as HTMLAudioElement;
    expect(audio.autoplay).toBe(true);
    expect((audio.srcObject as unknown as StandInStream).getTracks()).toEqual([stethoscope]);
    expect(page.query('auscultation-level')).not.toBeNull();
    expect(page.all('instrument-still')).toHaveLength(2);

    await page.click('end-instrument');
    expect(socket.lastSent('call.endInstrument')).toMatchObject({ sessionId: PATIENT.sessionId });
    await page.platform(() => socket.replyTo('call.endInstrument', null));
    expect(page.query('instrument-state')).toBeNull();
    expect(page.query('auscultation')).toBeNull();
    expect(page.all('instrument-still')).toHaveLength(2);

    // The stills go with the call.
    await page.platform(() =>
      socket.push({ type: 'call.ended', sessionId: PATIENT.sessionId, reason: 'patientLeft' }),
    );
    expect(page.query('instrument-stills')).toBeNull();
  });

  it('offers all four instruments to a cabin that does not say which it has', async () => {
    const { page } = await inCall();
    for (const kind of ['otoscope', 'dermatoscope', 'examinationCamera', 'stethoscope']) {
      expect(page.query(`request-instrument-${kind}`)).not.toBeNull();
    }
  });

  it.each([
    [
      'otoscope',
      { failed: 'absent' },
      "L'otoscope n'est pas branché dans la cabine. La consultation continue.",
    ],
    ['otoscope', { failed: 'unplugged' }, "L'otoscope a été débranché."],
    ['otoscope', { failed: 'refused' }, "La cabine n'a pas pu ouvrir l'otoscope."],
    ['otoscope', 'stoppedByPatient', "Le patient a arrêté l'otoscope."],
    [
      'examinationCamera',
      { failed: 'absent' },
      "La caméra d'examen n'est pas branchée dans la cabine. La consultation continue.",
    ],
    ['dermatoscope', { failed: 'unplugged' }, 'Le dermatoscope a été débranché.'],
  ] as const)('%s %j: says so plainly, and the call goes on', async (kind, what, message) => {
    const { page, socket } = await inCall();
    await page.click(`request-instrument-${kind}`);
    await page.platform(() => socket.replyTo('call.requestInstrument', null));
    await cabinSays(page, socket, { kind, state: 'starting' });
    const use: InstrumentUse =
      what === 'stoppedByPatient'
        ? { kind, state: 'stoppedByPatient' }
        : { kind, state: 'failed', failure: what.failed };
    await cabinSays(page, socket, use);
    expect(stateOf(page)).toEqual([kind, use.state]);
    expect(page.get('instrument-failure').textContent).toBe(message);
    expect(page.query('call-view')).not.toBeNull();
    // Another instrument may be asked for at once.
    expect((page.get('request-instrument-stethoscope') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a still of a picture without a frame yet is not taken, and says so', async () => {
    const { page, socket } = await inCall(['examinationCamera']);
    await page.click('request-instrument-examinationCamera');
    await page.platform(() =>
      page.media.latest.options.onInstrumentTrack('2', new FakeMediaStreamTrack({ kind: 'video' })),
    );
    await cabinSays(page, socket, { kind: 'examinationCamera', state: 'on', mediaTag: '2' });
    page.media.stillImage = null;
    await page.click('take-still');
    expect(page.query('instrument-stills')).toBeNull();
    expect(page.get('console-error').textContent).toContain('la photo n’a pas été prise');
  });

  it('a request the platform refuses says so and shows nothing asked', async () => {
    const { page, socket } = await inCall(['dermatoscope']);
    await page.click('request-instrument-dermatoscope');
    await page.platform(() => socket.failTo('call.requestInstrument', 'call.ended'));
    expect(page.get('console-error').textContent).toBe('La demande d’instrument n’a pas abouti. Réessayez.');
    expect(page.query('instrument-state')).toBeNull();
  });
});
