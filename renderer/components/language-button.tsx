// The small language switch shown on every screen: it names the other language in that language.
import type { Locale } from '../../contract/domain';
import { useUi } from '../ui-context';

/** Props of LanguageButton. */
export interface LanguageButtonProps {
  readonly onChange: (locale: Locale) => void;
}

/** A button that switches French to English and back; its test id names the target (`locale-en`). */
export function LanguageButton({ onChange }: LanguageButtonProps) {
  const { locale, strings } = useUi();
  const target: Locale = locale === 'fr' ? 'en' : 'fr';
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      lang={target}
      aria-label={`${strings.common.changeLanguage}: ${strings.languageNames[target]}`}
      data-testid={`locale-${target}`}
      onClick={() => onChange(target)}
    >
      {strings.languageNames[target]}
    </button>
  );
}
