// The bar at the top of every session screen: back, language, help and quit, always in the same place.
import type { Locale } from '../../contract/domain';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { LanguageButton } from './language-button';

/** Props of SessionHeader. */
export interface SessionHeaderProps {
  readonly canGoBack: boolean;
  readonly onBack: () => void;
  readonly onLocale: (locale: Locale) => void;
  readonly onHelp: () => void;
  readonly onQuit: () => void;
}

/** Draws the session bar; the back button appears only when the session allows going back. */
export function SessionHeader({ canGoBack, onBack, onLocale, onHelp, onQuit }: SessionHeaderProps) {
  const { strings } = useUi();
  return (
    <header className="session-header">
      <div className="session-header-start">
        {canGoBack && (
          <ActionButton testId="back" kind="secondary" small onPress={onBack}>
            {strings.meta.dir === 'rtl' ? '→' : '←'} {strings.common.back}
          </ActionButton>
        )}
      </div>
      <div className="session-header-end">
        <LanguageButton onChange={onLocale} />
        <ActionButton testId="help" kind="secondary" small onPress={onHelp}>
          {strings.common.help}
        </ActionButton>
        <ActionButton testId="quit" kind="danger" small onPress={onQuit}>
          {strings.common.quit}
        </ActionButton>
      </div>
    </header>
  );
}
