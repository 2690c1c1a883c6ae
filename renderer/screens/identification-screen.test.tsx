// @vitest-environment jsdom
// The identification screens as a patient reads them.
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { openViews } from '../test-support/dom-harness';

const { open, unmount } = openViews();

describe('the identity confirmation', () => {
  const confirming = SAMPLE_SCREENS.identification.confirming;

  it('says "Née le" for a woman\'s card, "Date de naissance" when the card has no number', async () => {
    const woman = {
      ...confirming,
      identity: {
        surname: 'Dupont',
        firstName: 'Jeanne',
        birthDate: '1950-03-12',
        nir: '248037512345658',
        source: 'card',
      },
    } as const;
    const first = await open(sampleSessionView(woman));
    expect(first.app.get('identity').textContent).toContain('Née le 12/03/1950');
    unmount();
    const { app } = await open(sampleSessionView(confirming));
    expect(app.get('identity').textContent).toContain('Date de naissance\u00a0: 12/03/1950');
  });
});
