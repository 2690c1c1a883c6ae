// @vitest-environment jsdom
// The video consultation as the patient sees it: the call's media starts with the screen, survives the
// stage changes, drops video when the call falls back to sound only, and ends with the step.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ConsultationScreen } from '../../contract/cabin-view';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';
import { fakeStream, fakeTrack } from '../test-support/fake-media-signaling';
import { JOIN_RETRY_MS } from '../video/use-video-call';

stubMediaPlayback();
const { open, push } = openViews();

const stage = (
  name: ConsultationScreen['stage'],
  changes: Partial<ConsultationScreen> = {},
): ConsultationScreen => ({
  ...SAMPLE_SCREENS.consultation.connecting,
  stage: name,
  ...(name === 'measuring'
    ? { requestedMeasurement: 'temperature', measurementStage: 'measuring', progress: { stage: 'keepStill' } }
    : {}),
  ...(name === 'failed' ? { failure: 'call.lost' } : {}),
  ...changes,
});

describe('video consultation', () => {
  it("opens the camera and microphone, joins the call's media and starts the link with them", async () => {
    const media = new FakeMediaEnvironment();
    media.joinResult = {
      ok: true,
      value: { mode: 'sfu', iceServers: [{ urls: ['turn:turn.example.org'] }] },
    };
    const { app } = await open(sampleSessionView(stage('connecting')), media);
    expect(media.joinCalls).toBe(1);
    const link = media.link();
    expect(link.media.mode).toBe('sfu');
    expect(link.started).toBe(media.opened[0]);
    expect(link.signaling).toBe(media.signaling);
    const selfView = app.get('self-view') as HTMLVideoElement;
    expect(selfView.srcObject).toBe(media.opened[0]);
    expect(selfView.classList.contains('video-mirrored')).toBe(true);
    expect(app.get('video').textContent).toContain('Dr Claire Martin');
  });

  it("shows the professional's video large once it arrives", async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(sampleSessionView(stage('connecting')), media);
    const remote = fakeStream([fakeTrack('audio'), fakeTrack('video')]);
    act(() => media.link().receive(remote));
    const video = app.get('remote-video') as HTMLVideoElement;
    expect(video.srcObject).toBe(remote);
    expect(video.muted).toBe(false);
    expect(video.classList.contains('video-mirrored')).toBe(false);
  });

  it.each([
    [{ audio: true, video: true }, 'seenAndHeard', 'Dr Claire Martin vous voit et vous entend.'],
    [{ audio: true, video: false }, 'notSeen', 'Dr Claire Martin vous entend, mais ne vous voit pas encore.'],
    [
      { audio: false, video: true },
      'notHeard',
      'Dr Claire Martin vous voit, mais ne vous entend pas encore.',
    ],
    [
      { audio: false, video: false },
      'neither',
      'Dr Claire Martin ne vous voit pas et ne vous entend pas encore.',
    ],
  ] as const)(
    'tells whether the professional sees and hears the patient: %o',
    async (receives, state, text) => {
      const { app } = await open(
        sampleSessionView(stage('inCall', { professionalReceives: receives })),
        new FakeMediaEnvironment(),
      );
      expect(app.get('seen-heard').getAttribute('data-state')).toBe(state);
      expect(app.get('seen-heard').textContent).toBe(text);
    },
  );

  it('keeps the same call while the professional asks for a measurement, with the video beside it', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(sampleSessionView(stage('connecting')), media);
    const remote = fakeStream([fakeTrack('audio'), fakeTrack('video')]);
    act(() => media.link().receive(remote));
    await push(transport, sampleSessionView(stage('inCall')));
    await push(transport, sampleSessionView(stage('measuring')));
    expect(app.container.querySelector('[data-screen]')?.getAttribute('data-stage')).toBe('measuring');
    expect(app.get('progress').textContent).not.toBe('');
    expect((app.get('remote-video') as HTMLVideoElement).srcObject).toBe(remote);
    await push(transport, sampleSessionView(stage('inCall')));
    expect(media.links).toHaveLength(1);
    expect(media.link().closed).toBe(false);
    expect(media.opened).toHaveLength(1);
    expect(media.allTracksStopped()).toBe(false);
  });

  it('shows the reconnection over the video while the link is lost', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(sampleSessionView(stage('inCall')), media);
    expect(app.query('call-reconnecting')).toBeNull();
    await push(transport, sampleSessionView(stage('reconnecting')));
    expect(app.get('call-reconnecting').textContent).toBe('Connexion perdue. Reconnexion en cours…');
    expect(media.links).toHaveLength(1);
  });

  it('falls back to sound only once: video dropped on the link, the patient told why', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(sampleSessionView(stage('reconnecting')), media);
    expect(app.query('audio-only')).toBeNull();
    await push(transport, sampleSessionView(stage('reconnecting', { mediaMode: 'audioOnly' })));
    await push(transport, sampleSessionView(stage('inCall', { mediaMode: 'audioOnly' })));
    expect(media.link().audioOnlyCalls).toBe(1);
    expect(app.get('audio-only').textContent).toBe(
      'Son seulement\u00a0: la vidéo est coupée pour garder la communication.',
    );
    expect(app.get('seen-heard').getAttribute('data-state')).toBe('neither');
  });

  it('a lost call closes the link and the camera, says so, and a retry starts a new call', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(sampleSessionView(stage('inCall')), media);
    const first = media.link();
    await push(transport, sampleSessionView(stage('failed')));
    expect(first.closed).toBe(true);
    expect(media.allTracksStopped()).toBe(true);
    expect(app.get('failure').textContent).toBe(
      "La communication est coupée. Une personne de l'accueil arrive pour vous aider.",
    );
    await app.click('retry');
    expect(transport.actions()).toEqual([{ type: 'patient.retry' }]);
    await push(transport, sampleSessionView(stage('connecting')));
    expect(media.links).toHaveLength(2);
    expect(media.link().closed).toBe(false);
  });

  it('leaving the consultation closes the link and stops the camera and microphone', async () => {
    const media = new FakeMediaEnvironment();
    const { transport } = await open(sampleSessionView(stage('inCall')), media);
    await push(transport, sampleSessionView(SAMPLE_SCREENS.documents.review));
    expect(media.link().closed).toBe(true);
    expect(media.allTracksStopped()).toBe(true);
  });

  it('without a camera, the call goes on with the microphone and the patient is told', async () => {
    const media = new FakeMediaEnvironment();
    media.devices = { audio: true, video: false };
    const { app } = await open(sampleSessionView(stage('connecting')), media);
    expect(media.link().started?.getVideoTracks()).toEqual([]);
    expect(media.link().started?.getAudioTracks()).toHaveLength(1);
    expect(app.get('media-problem').textContent).toContain('La caméra ou le micro ne fonctionne pas.');
  });

  it("asks again for the call's media while the platform has not joined the call", async () => {
    const media = new FakeMediaEnvironment();
    media.joinResult = { ok: false, error: { code: 'call.notJoined' } };
    const { app } = await open(sampleSessionView(stage('connecting')), media);
    expect(app.get('call-problem').textContent).toBe(
      "La consultation n'est pas encore prête. Nouvel essai dans un instant…",
    );
    expect(media.links).toHaveLength(0);
    media.joinResult = { ok: true, value: { mode: 'direct', iceServers: [] } };
    await act(() => media.clock.advance(JOIN_RETRY_MS));
    await app.settle();
    expect(media.links).toHaveLength(1);
    expect(app.query('call-problem')).toBeNull();
  });
});
