// "Né le" / "Née le" from the card's sex digit, "Date de naissance" when the card does not say.
import { describe, expect, it } from 'vitest';
import { bornOnWording, type BornOnWording } from './born-on';
import { fill, t } from './i18n';

describe('the wording of a birth date', () => {
  it.each<[string | null, 'card' | 'manual', BornOnWording, string]>([
    ['185077512345612', 'card', 'bornOnMan', 'Né le 12/03/1950'],
    ['248037512345658', 'card', 'bornOnWoman', 'Née le 12/03/1950'],
    ['785077512345612', 'card', 'bornOnMan', 'Né le 12/03/1950'], // a temporary number (NIA)
    ['848037512345658', 'card', 'bornOnWoman', 'Née le 12/03/1950'],
    ['348037512345658', 'card', 'bornOn', 'Date de naissance\u00a0: 12/03/1950'],
    [null, 'card', 'bornOn', 'Date de naissance\u00a0: 12/03/1950'], // the card's number was unreadable
    ['248037512345658', 'manual', 'bornOn', 'Date de naissance\u00a0: 12/03/1950'], // maybe a parent's number
  ])('%s (%s) → %s', (nir, source, wording, french) => {
    expect(bornOnWording({ nir, source })).toBe(wording);
    expect(fill(t('fr').identification[wording], { date: '12/03/1950' })).toBe(french);
  });
});
