// @vitest-environment jsdom
// The measurement the professional asks for during the call, as the patient sees it: the instructions
// and a start button (nothing starts by itself), the cuff's progress in plain words, the result, the
// failure with its ways out; the professional's video stays on the screen all along, and "do not talk"
// is said only for the measurement that needs it.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ConsultationScreen } from '../../contract/cabin-view';
import type { MeasurementKind } from '../../contract/domain';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';
import { fakeStream, fakeTrack } from '../test-support/fake-media-signaling';

stubMediaPlayback();
const { open, push } = openViews();

const BLOOD_PRESSURE = {
  kind: 'bloodPressure',
  quantities: [
    { name: 'systolic', value: 128, unit: 'mmHg' },
    { name: 'diastolic', value: 82, unit: 'mmHg' },
    { name: 'pulse', value: 71, unit: 'bpm' },
  ],
  takenAt: 0,
} as const;

const inCall = { ...SAMPLE_SCREENS.consultation.inCall, documentsReceived: 0 };

const asked = (
  kind: MeasurementKind,
  measurementStage: NonNullable<ConsultationScreen['measurementStage']>,
  changes: Partial<ConsultationScreen> = {},
): ConsultationScreen => ({
  ...inCall,
  stage: 'measuring',
  requestedMeasurement: kind,
  measurementStage,
  ...changes,
});

/** The call with the professional's video arriving, as the patient has it before the request. */
async function inCallWithVideo() {
  const media = new FakeMediaEnvironment();
  const opened = await open(sampleSessionView(inCall), media);
  const remote = fakeStream([fakeTrack('audio'), fakeTrack('video')]);
  act(() => media.link().receive(remote));
  /** The professional's video is still on the screen, the same stream, beside the measurement. */
  const expectVideoKept = (): void => {
    expect((opened.app.get('remote-video') as HTMLVideoElement).srcObject).toBe(remote);
    const panel = opened.app.query('call-measurement');
    if (panel !== null) expect(panel.parentElement).toBe(opened.app.get('video').parentElement);
    expect(media.links).toHaveLength(1);
  };
  return { ...opened, media, expectVideoKept };
}

describe('a blood pressure the professional asks for during the call', () => {
  it('goes from the instructions to the start, the cuff inflating then deflating, and the result', async () => {
    const { app, transport, expectVideoKept } = await inCallWithVideo();

    await push(transport, sampleSessionView(asked('bloodPressure', 'instructions')));
    expect(app.text()).toContain('Le professionnel vous demande une mesure\u00a0: Tension');
    expect(app.get('call-measurement').getAttribute('data-stage')).toBe('instructions');
    expect(app.get('instructions').textContent).toContain('Mettez le brassard sur votre bras nu');
    expect(app.get('keep-silent').textContent).toBe('Ne parlez pas pendant la mesure.');
    expectVideoKept();
    // Nothing starts until the patient touches "start".
    expect(transport.actions()).toEqual([]);
    await app.click('start-measurement');
    expect(transport.actions()).toEqual([{ type: 'patient.startMeasurement' }]);

    const measuring = (progress: ConsultationScreen['progress']) =>
      sampleSessionView(asked('bloodPressure', 'measuring', { progress }));
    await push(transport, measuring({ stage: 'preparing' }));
    expect(app.get('progress').textContent).toBe('Préparation…');
    await push(transport, measuring({ stage: 'inflating', cuffPressureMmHg: 142 }));
    expect(app.get('progress').textContent).toBe('Le brassard se gonfle… 142 mmHg');
    expect(app.get('keep-silent').textContent).toBe('Ne parlez pas pendant la mesure.');
    await push(transport, measuring({ stage: 'deflating', cuffPressureMmHg: 96 }));
    expect(app.get('progress').textContent).toBe('Le brassard se dégonfle… 96 mmHg');
    expectVideoKept();

    await push(
      transport,
      sampleSessionView(asked('bloodPressure', 'result', { measurementResult: BLOOD_PRESSURE })),
    );
    expect(app.get('result').textContent).toContain('Pression haute');
    expect(app.get('result').textContent).toContain('128 mmHg');
    expect(app.text()).toContain('Le professionnel voit ce résultat.');
    expectVideoKept();
    await app.click('measurement-done');
    expect(transport.actions().at(-1)).toEqual({ type: 'patient.next' });

    await push(transport, sampleSessionView(inCall));
    expect(app.query('call-measurement')).toBeNull();
    expectVideoKept();
  });

  it('lets the patient skip it from the instructions', async () => {
    const { app, transport } = await inCallWithVideo();
    await push(transport, sampleSessionView(asked('bloodPressure', 'instructions')));
    await app.click('skip');
    expect(transport.actions()).toEqual([{ type: 'patient.skip' }]);
  });

  it('says what went wrong, and offers to try again or to skip', async () => {
    const { app, transport, expectVideoKept } = await inCallWithVideo();
    await push(
      transport,
      sampleSessionView(asked('bloodPressure', 'failed', { failure: 'measurement.cuffLeak' })),
    );
    expect(app.get('failure').textContent).not.toBe('');
    expectVideoKept();
    await app.click('retry');
    await app.click('skip');
    expect(transport.actions()).toEqual([{ type: 'patient.retry' }, { type: 'patient.skip' }]);
  });
});

describe('"do not talk" during the call', () => {
  it.each(['temperature', 'oxygenSaturation', 'weight'] as const)(
    'is not said for a %s, which does not need silence',
    async (kind) => {
      const { app, transport } = await inCallWithVideo();
      await push(transport, sampleSessionView(asked(kind, 'instructions')));
      expect(app.query('keep-silent')).toBeNull();
      await push(
        transport,
        sampleSessionView(asked(kind, 'measuring', { progress: { stage: 'keepStill' } })),
      );
      expect(app.get('progress').textContent).toBe('Ne bougez pas.');
      expect(app.text()).not.toContain('parlez');
    },
  );

  it('is said in English too, for the blood pressure only', async () => {
    const { app, transport } = await inCallWithVideo();
    await push(transport, sampleSessionView(asked('bloodPressure', 'instructions'), { locale: 'en' }));
    expect(app.get('keep-silent').textContent).toBe('Do not talk during the measurement.');
    expect(app.get('start-measurement').textContent).toBe('Start the measurement');
  });
});
