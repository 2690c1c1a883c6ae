// What every drawn element needs to know about the patient's choices: language and read-aloud.
import { createContext, useContext } from 'react';
import type { Locale } from '../contract/domain';
import { t, type Strings } from './i18n';

/** The locale, its string table, and whether screen titles are read aloud. */
export interface Ui {
  readonly locale: Locale;
  readonly strings: Strings;
  readonly readAloud: boolean;
}

/** Provides the Ui to the screens; French without read-aloud when nothing provides it. */
export const UiContext = createContext<Ui>({ locale: 'fr', strings: t('fr'), readAloud: false });

/** Answers the Ui of the nearest provider. */
export function useUi(): Ui {
  return useContext(UiContext);
}
