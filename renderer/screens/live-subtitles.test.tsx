// @vitest-environment jsdom
// Live subtitles as the patient sees them: offered on the welcome screen only where the cabin has a
// speech engine, shown large under the professional's video, and fed with the professional's voice
// only when the patient asked for them.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ConsultationScreen } from '../../contract/cabin-view';
import type { SubtitlesView } from '../../contract/subtitles';
import { SAMPLE_SCREENS, sampleSessionView, sampleView } from '../sample-screens';
import { openViews } from '../test-support/dom-harness';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';
import { fakeStream, fakeTrack } from '../test-support/fake-media-signaling';

stubMediaPlayback();
const { open, push } = openViews();

const inCall = (subtitles?: SubtitlesView): ConsultationScreen => ({
  ...SAMPLE_SCREENS.consultation.connecting,
  stage: 'inCall',
  ...(subtitles === undefined ? {} : { subtitles }),
});

const view = (subtitles?: SubtitlesView) =>
  sampleSessionView(inCall(subtitles), {
    accessibility: { largeText: false, readAloud: false, subtitles: subtitles !== undefined },
  });

const NOTHING_YET: SubtitlesView = { lines: [], partial: '', fault: false };

describe('the subtitles choice on the welcome screen', () => {
  it('is not offered where the cabin has no speech engine', async () => {
    const { app } = await open(sampleView());
    expect(app.query('subtitles')).toBeNull();
  });

  it('is offered beside the comfort options, and the session starts with it', async () => {
    const { app, transport } = await open(sampleView(null, { subtitlesOffered: true }));
    const toggle = app.get('subtitles');
    expect(toggle.textContent).toContain("Sous-titres pendant l'appel");
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    await app.click('subtitles');
    expect(app.get('subtitles').getAttribute('aria-checked')).toBe('true');
    await app.click('start');
    expect(transport.calls.at(-1)).toEqual({
      method: 'startSession',
      params: { locale: 'fr', accessibility: { largeText: false, readAloud: false, subtitles: true } },
    });
  });
});

describe('the subtitles during the call', () => {
  it('say they will come before the professional speaks', async () => {
    const { app } = await open(view(NOTHING_YET), new FakeMediaEnvironment());
    expect(app.get('subtitles-waiting').textContent).toBe(
      "Les sous-titres s'afficheront ici quand le professionnel parlera.",
    );
  });

  it('show the last lines and the sentence being spoken under the video, and follow the view', async () => {
    const { app, transport } = await open(
      view({ lines: ['Bonjour madame.'], partial: 'Comment', fault: false }),
      new FakeMediaEnvironment(),
    );
    expect(app.all('subtitles-line').map((line) => line.textContent)).toEqual(['Bonjour madame.']);
    expect(app.get('subtitles-partial').textContent).toBe('Comment');
    expect(app.query('subtitles-waiting')).toBeNull();
    await push(
      transport,
      view({ lines: ['Bonjour madame.', 'Comment allez-vous ?'], partial: '', fault: false }),
    );
    expect(app.all('subtitles-line').map((line) => line.textContent)).toEqual([
      'Bonjour madame.',
      'Comment allez-vous ?',
    ]);
    expect(app.query('subtitles-partial')).toBeNull();
  });

  it('say plainly when they stopped, while the call goes on', async () => {
    const { app } = await open(
      view({ lines: ['Bonjour.'], partial: '', fault: true }),
      new FakeMediaEnvironment(),
    );
    expect(app.get('subtitles-fault').textContent).toBe(
      "Les sous-titres ne fonctionnent plus. L'appel continue.",
    );
    expect(app.get('remote-video')).toBeTruthy();
  });

  it("send the professional's voice as 200 ms frames of 16 kHz PCM", async () => {
    const media = new FakeMediaEnvironment();
    const { transport } = await open(view(NOTHING_YET), media);
    act(() => media.link().receive(fakeStream([fakeTrack('audio'), fakeTrack('video')])));
    const context = media.audioContexts.at(-1)!;
    const processor = context.processors.at(-1)!;
    // 0.25 s at 48 kHz: one whole frame of 200 ms, the rest waits.
    for (let i = 0; i < 3; i += 1) processor.feed(new Float32Array(4_000).fill(0.25));
    expect(media.subtitleFrames).toHaveLength(1);
    const bytes = Buffer.from(media.subtitleFrames[0]!, 'base64');
    expect(bytes.length).toBe(6_400);
    expect(bytes.readInt16LE(0)).toBe(8192);
    expect(transport.calls.some((call) => call.method === 'subtitleAudio')).toBe(false);

    // The call ends (another step): the tap stops and its audio context is closed.
    await push(transport, sampleSessionView(SAMPLE_SCREENS.documents.review));
    expect(context.closed).toBe(true);
    processor.feed(new Float32Array(12_000));
    expect(media.subtitleFrames).toHaveLength(1);
  });

  it('take nothing of the voice when the patient did not ask for them', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(view(), media);
    act(() => media.link().receive(fakeStream([fakeTrack('audio'), fakeTrack('video')])));
    expect(app.query('subtitles')).toBeNull();
    expect(media.audioContexts.flatMap((context) => context.processors)).toEqual([]);
  });
});
