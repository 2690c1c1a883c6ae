// The small language switch shown on every screen: a quick switch between French and English (or back to
// French), and a menu of every language the cabin speaks, each named in its own language.
import { useState } from 'react';
import { LOCALES, type Locale } from '../../contract/domain';
import { t } from '../i18n';
import { useUi } from '../ui-context';

/** Props of LanguageButton. */
export interface LanguageButtonProps {
  readonly onChange: (locale: Locale) => void;
}

/**
 * A button that switches French to English and any other language to French (its test id names the
 * target: `locale-en`), and a `language-menu` button that opens the list of every language
 * (`language-choice-ar`…), the current one marked as pressed.
 */
export function LanguageButton({ onChange }: LanguageButtonProps) {
  const { locale, strings } = useUi();
  const [open, setOpen] = useState(false);
  const target: Locale = locale === 'fr' ? 'en' : 'fr';
  const choose = (next: Locale): void => {
    setOpen(false);
    onChange(next);
  };
  return (
    <div className="language-switch">
      <button
        type="button"
        className="button button-quiet button-small"
        lang={target}
        aria-label={`${strings.common.changeLanguage}: ${strings.languageNames[target]}`}
        data-testid={`locale-${target}`}
        onClick={() => choose(target)}
      >
        {strings.languageNames[target]}
      </button>
      <button
        type="button"
        className="button button-quiet button-small language-menu-button"
        aria-label={strings.common.changeLanguage}
        title={strings.common.changeLanguage}
        aria-expanded={open}
        data-testid="language-menu"
        onClick={() => setOpen(!open)}
      >
        ▾
      </button>
      {open && (
        <div className="language-menu" role="group" aria-label={strings.welcome.languageLabel}>
          {LOCALES.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`choice${choice === locale ? ' choice-chosen' : ''}`}
              lang={choice}
              dir={t(choice).meta.dir}
              aria-pressed={choice === locale}
              data-testid={`language-choice-${choice}`}
              onClick={() => choose(choice)}
            >
              {strings.languageNames[choice]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
