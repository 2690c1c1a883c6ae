// What the console shows of the call's instrument as the professional asks and the cabin answers, in any
// order: the question answered by the cabin, the same instrument asked again after a failure, the track
// joined to its use by tag whichever comes first.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { describe, expect, it } from 'vitest';
import { NO_INSTRUMENT, shownInstrument, withTrack, withUse, type InstrumentView } from './instrument-desk';

const asked = (view: InstrumentView, kind: InstrumentView['asked']): InstrumentView => ({
  ...view,
  asked: kind,
});

describe('the instrument the console shows', () => {
  it('shows the one asked until the cabin answers it, and again when it is asked after a failure', () => {
    let view = asked(NO_INSTRUMENT, 'otoscope');
    expect(shownInstrument(view)).toMatchObject({ kind: 'otoscope', state: 'asked' });
    view = withUse(view, { kind: 'otoscope', state: 'failed', failure: 'absent' });
    expect(shownInstrument(view)).toMatchObject({ kind: 'otoscope', state: 'failed', failure: 'absent' });
    view = asked(view, 'otoscope');
    expect(shownInstrument(view)).toMatchObject({ kind: 'otoscope', state: 'asked' });
    view = withUse(view, { kind: 'otoscope', state: 'starting' });
    expect(shownInstrument(view)).toMatchObject({ state: 'starting' });
  });

  it('keeps a switch asked while the cabin ends the previous instrument', () => {
    let view = withUse(NO_INSTRUMENT, { kind: 'otoscope', state: 'on', mediaTag: '2' });
    view = asked(view, 'dermatoscope');
    view = withUse(view, { kind: 'otoscope', state: 'ended' });
    expect(shownInstrument(view)).toMatchObject({ kind: 'dermatoscope', state: 'asked' });
    view = withUse(view, { kind: 'dermatoscope', state: 'ended' });
    expect(shownInstrument(view)).toMatchObject({ kind: 'dermatoscope', state: 'asked' });
  });

  it('joins the track to its use by tag, whichever comes first, and shows nothing once ended', () => {
    const track = new FakeMediaStreamTrack({ kind: 'video' });
    const useFirst = withTrack(
      withUse(NO_INSTRUMENT, { kind: 'dermatoscope', state: 'on', mediaTag: 'p-1' }),
      'p-1',
      track,
    );
    const trackFirst = withUse(withTrack(NO_INSTRUMENT, 'p-1', track), {
      kind: 'dermatoscope',
      state: 'on',
      mediaTag: 'p-1',
    });
    expect(shownInstrument(useFirst)?.track).toBe(track);
    expect(shownInstrument(trackFirst)?.track).toBe(track);
    expect(
      shownInstrument(withTrack(useFirst, 'p-2', new FakeMediaStreamTrack({ kind: 'video' })))?.track,
    ).toBe(track);
    expect(shownInstrument(withUse(useFirst, { kind: 'dermatoscope', state: 'ended' }))).toBeNull();
  });
});
