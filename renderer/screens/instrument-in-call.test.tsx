// @vitest-environment jsdom
// An examination instrument in the call as the patient sees it: the professional asks, the cabin opens
// that instrument (never the face camera), sends it beside the face and says it is on; the patient is
// shown how to hold it and what the professional sees or hears, and can stop it; a missing, refused or
// unplugged instrument gives a plain message and the call goes on.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultationScreen } from '../../contract/cabin-view';
import type { InstrumentUse } from '../../contract/instrument';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { SAMPLE_MEDIA_ROLES } from '../test-support/sample-media-roles';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';
import type { FakeCabinTransport } from '../test-support/fake-cabin-transport';

stubMediaPlayback();
const { open, push } = openViews();

const inCall = (instrument: InstrumentUse | null): ConsultationScreen => ({
  ...SAMPLE_SCREENS.consultation.inCall,
  instrument,
});

/** Lets the instrument's opening and sending run. */
async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
  });
}

/** The call on, its link connected, with the roles of the inputs known. */
async function callUp(media = new FakeMediaEnvironment()) {
  media.roles = SAMPLE_MEDIA_ROLES;
  const opened = await open(sampleSessionView(inCall(null)), media);
  act(() => media.link().setState('connected'));
  return { ...opened, media };
}

/** The professional asks for `use` (the controller's view). */
async function view(transport: FakeCabinTransport, use: InstrumentUse | null): Promise<void> {
  await push(transport, sampleSessionView(inCall(use)));
  await settle();
}

describe('an examination instrument in the call', () => {
  it('opens the otoscope by its id, sends it beside the face and says it is on; the patient sees its picture', async () => {
    const { app, transport, media } = await callUp();
    await view(transport, { kind: 'otoscope', state: 'starting' });
    expect(media.inputRequests).toEqual([{ audio: false, video: { deviceId: { exact: 'oto' } } }]);
    const track = media.inputTracks[0];
    expect(media.link().instruments.get('otoscope')).toBe(track);
    expect(media.instrumentReports).toEqual([{ kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' }]);
    const guide = app.get('instrument-guide');
    expect(guide.getAttribute('data-kind')).toBe('otoscope');
    expect(guide.getAttribute('data-state')).toBe('starting');
    expect(app.get('instrument-instructions').textContent).toContain('Ne l’enfoncez pas.');
    await view(transport, { kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' });
    expect(app.get('instrument-guide').getAttribute('data-state')).toBe('on');
    const preview = app.get('instrument-preview') as HTMLVideoElement;
    expect((preview.srcObject as MediaStream | null)?.getTracks()).toEqual([track]);
    // The face camera goes on, and the instrument is opened once.
    expect((app.get('self-view') as HTMLVideoElement).srcObject).toBe(media.opened[0]);
    expect(media.inputRequests).toHaveLength(1);
    expect(app.query('auscultation-notice')).toBeNull();
  });

  it('"Arrêter l’examen" asks to stop it; once ended, it leaves the link and its light goes off', async () => {
    const { app, transport, media } = await callUp();
    await view(transport, { kind: 'otoscope', state: 'starting' });
    await app.click('instrument-stop');
    expect(transport.actions()).toEqual([{ type: 'patient.stopInstrument' }]);
    await view(transport, { kind: 'otoscope', state: 'stoppedByPatient' });
    expect(app.query('instrument-guide')).toBeNull();
    expect(media.link().instruments.size).toBe(0);
    expect(media.inputTracks[0]?.readyState).toBe('ended');
    expect(media.opened[0]?.getTracks().every((track) => track.readyState === 'live')).toBe(true);
  });

  it('a switch to another camera takes the first off and sends the second', async () => {
    const { transport, media } = await callUp();
    await view(transport, { kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' });
    await view(transport, { kind: 'dermatoscope', state: 'starting' });
    expect(media.inputTracks[0]?.readyState).toBe('ended');
    expect([...media.link().instruments.keys()]).toEqual(['dermatoscope']);
    expect(media.inputRequests.at(-1)).toEqual({ audio: false, video: { deviceId: { exact: 'derm' } } });
  });

  it('listens with the stethoscope: voice processing off, the loudspeaker muted and the patient told why', async () => {
    const { app, transport, media } = await callUp();
    const remote = app.get('remote-video') as HTMLVideoElement;
    expect(remote.muted).toBe(false);
    await view(transport, { kind: 'stethoscope', state: 'starting' });
    expect(media.inputRequests).toEqual([
      {
        audio: {
          deviceId: { exact: 'steth' },
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false,
        },
        video: false,
      },
    ]);
    expect(remote.muted).toBe(true);
    expect(app.get('auscultation-notice').textContent).toContain('le son du professionnel est coupé');
    expect(app.query('instrument-level')).not.toBeNull();
    expect(app.query('instrument-preview')).toBeNull();
    expect(JSON.parse(app.get('instrument-guide').getAttribute('data-track-settings') ?? '')).toEqual({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    await view(transport, { kind: 'stethoscope', state: 'ended' });
    expect(remote.muted).toBe(false);
    expect(app.query('auscultation-notice')).toBeNull();
  });

  it('an instrument the cabin does not find is reported absent, and the patient reads a plain message', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await callUp(media);
    media.roles = {
      ...SAMPLE_MEDIA_ROLES,
      inputs: SAMPLE_MEDIA_ROLES.inputs.filter((input) => input.instrument !== 'otoscope'),
    };
    await view(transport, { kind: 'otoscope', state: 'starting' });
    expect(media.inputRequests).toEqual([]);
    expect(media.instrumentReports).toEqual([{ kind: 'otoscope', state: 'failed', failure: 'absent' }]);
    await view(transport, { kind: 'otoscope', state: 'failed', failure: 'absent' });
    expect(app.get('instrument-guide').getAttribute('data-state')).toBe('failed');
    expect(app.get('instrument-failed').textContent).toBe(
      'La cabine ne trouve pas l’otoscope. La consultation continue.',
    );
    expect(app.query('instrument-stop')).toBeNull();
    await app.click('instrument-failed-ok');
    expect(transport.actions()).toEqual([{ type: 'patient.stopInstrument' }]);
    // The call goes on.
    expect(media.link().closed).toBe(false);
  });

  it.each([
    ['NotAllowedError', 'refused'],
    ['NotReadableError', 'refused'],
    ['NotFoundError', 'absent'],
    ['OverconstrainedError', 'absent'],
  ] as const)('a browser that fails with %s reports %s', async (name, failure) => {
    const media = new FakeMediaEnvironment();
    media.inputFailure = name;
    const { transport } = await callUp(media);
    await view(transport, { kind: 'dermatoscope', state: 'starting' });
    expect(media.instrumentReports).toEqual([{ kind: 'dermatoscope', state: 'failed', failure }]);
  });

  it('unplugged while on, it leaves the link and is reported unplugged', async () => {
    const { app, transport, media } = await callUp();
    await view(transport, { kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' });
    act(() => media.inputTracks[0]?.unplug());
    await settle();
    expect(media.link().instruments.size).toBe(0);
    expect(media.instrumentReports.at(-1)).toEqual({
      kind: 'otoscope',
      state: 'failed',
      failure: 'unplugged',
    });
    await view(transport, { kind: 'otoscope', state: 'failed', failure: 'unplugged' });
    expect(app.get('instrument-failed').textContent).toBe(
      'La cabine ne reçoit plus l’otoscope. Le câble est peut-être débranché. La consultation continue.',
    );
  });

  it('a camera that sends no frame for 10 s, the call up, is taken off and reported refused; one that sends stays', async () => {
    const { transport, media } = await callUp();
    // The shared sender already encoded the camera sent before; this one adds nothing.
    media.link().instrumentFrames = 500;
    media.link().instrumentFramesPerReading = 0;
    await view(transport, { kind: 'otoscope', state: 'starting' });
    await view(transport, { kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' });
    await act(async () => {
      await media.clock.advance(9_000);
    });
    await settle();
    expect(media.link().instruments.has('otoscope')).toBe(true);
    await act(async () => {
      await media.clock.advance(1_000);
    });
    await settle();
    expect(media.link().instruments.size).toBe(0);
    expect(media.inputTracks[0]?.readyState).toBe('ended');
    expect(media.instrumentReports.at(-1)).toEqual({ kind: 'otoscope', state: 'failed', failure: 'refused' });

    // The dermatoscope sends its frames: it stays on well past 10 s.
    media.link().instrumentFramesPerReading = 25;
    await view(transport, { kind: 'dermatoscope', state: 'starting' });
    await act(async () => {
      await media.clock.advance(30_000);
    });
    await settle();
    expect(media.link().instruments.has('dermatoscope')).toBe(true);
    expect(media.instrumentReports.at(-1)).toEqual({
      kind: 'dermatoscope',
      state: 'on',
      mediaTag: 'tag-dermatoscope',
    });
  });

  it('waits for the call to connect before opening the instrument', async () => {
    const media = new FakeMediaEnvironment();
    media.roles = SAMPLE_MEDIA_ROLES;
    const { transport } = await open(sampleSessionView(inCall(null)), media);
    await view(transport, { kind: 'otoscope', state: 'starting' });
    expect(media.inputRequests).toEqual([]);
    act(() => media.link().setState('connected'));
    await settle();
    expect(media.instrumentReports).toEqual([{ kind: 'otoscope', state: 'on', mediaTag: 'tag-otoscope' }]);
  });
});

describe('an examination instrument read aloud', () => {
  let spoken: string[];
  beforeEach(() => {
    spoken = [];
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        constructor(readonly text: string) {}
      },
    );
    vi.stubGlobal('speechSynthesis', {
      cancel: () => undefined,
      speak: (utterance: { text: string }) => void spoken.push(utterance.text),
      pause: () => undefined,
      resume: () => undefined,
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says how to take and hold it, and why the sound is off while listening', async () => {
    const media = new FakeMediaEnvironment();
    media.roles = SAMPLE_MEDIA_ROLES;
    const { transport } = await open(
      sampleSessionView(inCall(null), { accessibility: { largeText: false, readAloud: true } }),
      media,
    );
    await push(
      transport,
      sampleSessionView(inCall({ kind: 'stethoscope', state: 'starting' }), {
        accessibility: { largeText: false, readAloud: true },
      }),
    );
    expect(spoken.join(' ')).toContain(
      'Prenez le stéthoscope dans son support. Posez-le à plat sur la peau, là où le professionnel vous le dit.',
    );
    expect(spoken.join(' ')).toContain('le son du professionnel est coupé');
  });
});
