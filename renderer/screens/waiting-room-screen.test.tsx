// @vitest-environment jsdom
// The camera and microphone check while the patient waits, as the patient sees and hears it.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { WaitingRoomScreen } from '../../contract/cabin-view';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';

stubMediaPlayback();
const { open, push } = openViews();

const waiting = (mediaCheck: WaitingRoomScreen['mediaCheck'] = 'pending'): WaitingRoomScreen => ({
  ...SAMPLE_SCREENS.waitingRoom.waiting,
  mediaCheck,
});

describe('camera and microphone check in the waiting room', () => {
  it('shows the patient their own camera, mirrored and silent, beside the queue', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(sampleSessionView(waiting()), media);
    expect(app.get('queue-position').textContent).toBe('Votre place dans la file\u00a0: 3');
    expect(app.get('media-check').textContent).toContain('Vérifions la caméra et le son');
    const selfView = app.get('self-view') as HTMLVideoElement;
    expect(selfView.srcObject).toBe(media.opened[0]);
    expect(selfView.classList.contains('video-mirrored')).toBe(true);
    expect(selfView.muted).toBe(true);
    expect(media.opened[0]?.getVideoTracks()).toHaveLength(1);
    expect(media.opened[0]?.getAudioTracks()).toHaveLength(1);
  });

  it('plays a two-tone chime, rising, when the patient asks for the test sound', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(sampleSessionView(waiting()), media);
    expect(app.get('play-test-sound').textContent).toBe('Écouter le son de test');
    await app.click('play-test-sound');
    const tones = media.audioContexts.at(-1)?.tones ?? [];
    expect(tones).toHaveLength(2);
    expect(tones[1]).toBeGreaterThan(tones[0] ?? Infinity);
  });

  it('moves the microphone bar when the patient speaks', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(sampleSessionView(waiting()), media);
    expect(app.text()).toContain('Parlez\u00a0: la barre doit bouger.');
    const meter = app.get('mic-level') as HTMLMeterElement;
    act(() => media.clock.increment(100));
    expect(meter.value).toBe(0);
    const audio = media.audioContexts.at(-1);
    if (audio) audio.inputLevel = 0.1;
    act(() => media.clock.increment(100));
    expect(meter.value).toBeGreaterThan(0.3);
  });

  it('sends the answer: it works, or there is a problem', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(sampleSessionView(waiting()), media);
    expect(app.get('media-check-ok').textContent).toBe("Oui, je me vois et j'entends");
    await app.click('media-check-ok');
    expect(transport.actions()).toEqual([{ type: 'patient.checkMedia', works: true }]);
    await app.click('media-check-problem');
    expect(transport.actions().at(-1)).toEqual({ type: 'patient.checkMedia', works: false });
  });

  it('says plainly when the camera does not work, and calls the attendant by itself', async () => {
    const media = new FakeMediaEnvironment();
    media.devices = { audio: true, video: false };
    const { app, transport } = await open(sampleSessionView(waiting()), media);
    expect(transport.actions()).toEqual([{ type: 'patient.checkMedia', works: false }]);
    expect(app.get('media-check-failure').textContent).toBe(
      "La caméra ne fonctionne pas. Une personne de l'accueil va vous aider.",
    );
    expect(app.query('media-check-ok')).toBeNull();
    expect(app.query('play-test-sound')).toBeNull();
    expect(app.query('self-view')).toBeNull();
    expect(app.query('media-check-problem')).not.toBeNull();
  });

  it('keeps the same camera when the queue answers, and stops it once the check is done', async () => {
    const media = new FakeMediaEnvironment();
    const joining = { ...SAMPLE_SCREENS.waitingRoom.joining, mediaCheck: 'pending' } as const;
    const { app, transport } = await open(sampleSessionView(joining), media);
    await push(transport, sampleSessionView(waiting()));
    expect(media.opened).toHaveLength(1);
    expect(media.allTracksStopped()).toBe(false);
    await push(transport, sampleSessionView(waiting('passed')));
    expect(app.query('media-check')).toBeNull();
    expect(app.get('media-check-passed').textContent).toBe('La caméra et le son marchent.');
    expect(media.allTracksStopped()).toBe(true);
    expect(media.audioContexts.every((context) => context.closed)).toBe(true);
  });

  it('after a problem, says someone is coming and the consultation can still take place', async () => {
    const { app } = await open(sampleSessionView(waiting('problem')), new FakeMediaEnvironment());
    expect(app.get('media-check-problem-noted').textContent).toBe(
      "Une personne de l'accueil arrive pour vous aider. La consultation pourra quand même avoir lieu.",
    );
    expect(app.query('media-check')).toBeNull();
  });

  it('speaks English in an English session', async () => {
    const { app } = await open(sampleSessionView(waiting(), { locale: 'en' }), new FakeMediaEnvironment());
    expect(app.get('play-test-sound').textContent).toBe('Play the test sound');
    expect(app.get('media-check-ok').textContent).toBe('Yes, I can see myself and hear');
  });
});

describe('the waiting room tells the truth', () => {
  const nobodyOnline = SAMPLE_SCREENS.waitingRoom.nobodyOnline;

  it('says at once that no dentist is online, invents no wait, and offers the ways out', async () => {
    const { app, transport } = await open(sampleSessionView(nobodyOnline), new FakeMediaEnvironment());
    expect(app.get('nobody-online').textContent).toContain(
      "Aucun chirurgien-dentiste n'est connecté en ce moment.",
    );
    expect(app.text()).toContain("Nous ne savons pas quand quelqu'un se connectera.");
    expect(app.text()).not.toContain('Attente estimée');
    expect(app.text()).not.toContain('vient de partir');
    await app.click('choose-another-profession');
    await app.click('have-appointment-code');
    expect(transport.actions()).toEqual([
      { type: 'patient.seeNextAvailable' },
      { type: 'patient.haveAppointmentCode' },
    ]);
    await app.click('nobody-online-quit');
    await app.click('quit-confirm');
    expect(transport.actions().at(-1)).toEqual({ type: 'patient.quit' });
  });

  it('says so when the last professional left while the patient waited', async () => {
    const { app } = await open(
      sampleSessionView({ ...nobodyOnline, profession: 'midwife', professionalsWentOffline: true }),
      new FakeMediaEnvironment(),
    );
    expect(app.get('nobody-online').textContent).toContain(
      'Le professionnel qui était connecté vient de partir.',
    );
    expect(app.get('nobody-online').textContent).toContain("Aucune sage-femme n'est connectée en ce moment.");
  });

  it('updates the place and the wait as the queue moves, and says when the turn is near', async () => {
    const media = new FakeMediaEnvironment();
    const passed = { ...SAMPLE_SCREENS.waitingRoom.waiting, mediaCheck: 'passed' } as const;
    const { app, transport } = await open(sampleSessionView(passed), media);
    expect(app.get('queue-position').textContent).toBe('Votre place dans la file\u00a0: 3');
    expect(app.get('estimated-wait').textContent).toBe('Attente estimée\u00a0: environ 12 minutes');
    expect(app.get('professionals-online').textContent).toBe('2 professionnels sont connectés en ce moment.');
    await push(
      transport,
      sampleSessionView({ ...passed, position: 2, estimatedWaitMinutes: 8, professionalsOnline: 1 }),
    );
    expect(app.get('queue-position').textContent).toBe('Votre place dans la file\u00a0: 2');
    expect(app.get('estimated-wait').textContent).toBe('Attente estimée\u00a0: environ 8 minutes');
    expect(app.get('professionals-online').textContent).toBe('Un professionnel est connecté en ce moment.');
    await push(transport, sampleSessionView({ ...passed, position: 1, estimatedWaitMinutes: 4 }));
    expect(app.query('queue-position')).toBeNull();
    expect(app.get('turn-near').textContent).toBe('Vous êtes la prochaine personne à passer.');
    expect(app.text()).toContain("C'est bientôt à vous");
    // A professional came back online after nobody was: the waiting screen again, with its estimate.
    await push(transport, sampleSessionView(nobodyOnline));
    expect(app.query('estimated-wait')).toBeNull();
    await push(transport, sampleSessionView({ ...passed, position: 1, estimatedWaitMinutes: 3 }));
    expect(app.get('estimated-wait').textContent).toBe('Attente estimée\u00a0: environ 3 minutes');
  });

  it('says "we do not know" rather than a made-up wait when the platform gave none', async () => {
    const passed = { ...SAMPLE_SCREENS.waitingRoom.waiting, mediaCheck: 'passed' } as const;
    const { app } = await open(
      sampleSessionView({ ...passed, estimatedWaitMinutes: null, professionalsOnline: null }),
      new FakeMediaEnvironment(),
    );
    expect(app.get('estimated-wait').textContent).toBe("Nous ne connaissons pas encore le temps d'attente.");
    expect(app.query('professionals-online')).toBeNull();
  });

  it('speaks English in an English session', async () => {
    const { app } = await open(sampleSessionView(nobodyOnline, { locale: 'en' }), new FakeMediaEnvironment());
    expect(app.get('nobody-online').textContent).toContain('No dentist is online right now.');
    expect(app.get('choose-another-profession').textContent).toBe('Choose another professional');
  });
});
