// What the patient asked for at the start, as the professional reads it before and during the call: the
// written conversation (a deaf or hard-of-hearing patient), subtitles, large text, and the language to
// speak with a hint to speak slowly when it is not French. Nothing that names the patient.
import type { Locale } from '../../contract/domain';
import type { PatientNeeds } from '../../contract/platform-protocol';

/** The patient's language as the professional says it in French (lower case, inside a sentence). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  fr: 'français',
  en: 'anglais',
  ar: 'arabe',
  es: 'espagnol',
  pt: 'portugais',
  tr: 'turc',
};

/** The French lines of the patient's needs, most important first (empty when none is known). */
export function needLines(locale: Locale, needs: PatientNeeds | undefined): string[] {
  const lines: string[] = [];
  if (needs?.writtenConversation === true) {
    lines.push('Conversation écrite demandée : patient sourd ou malentendant. Écrivez-lui ici.');
  }
  if (needs?.subtitles === true) lines.push('Sous-titres activés : parlez distinctement.');
  if (locale !== 'fr') {
    const language = LANGUAGE_NAMES[locale] ?? locale;
    lines.push(`Langue du patient : ${language}. Parlez lentement, en phrases courtes.`);
  }
  if (needs?.largeText === true) lines.push('Grand texte sur l’écran du patient.');
  return lines;
}

/** Props of the needs list. */
export interface PatientNeedsListProps {
  readonly locale: Locale;
  readonly needs: PatientNeeds | undefined;
  readonly testId: string;
}

/** The patient's needs as a short list, or nothing when there is none. */
export function PatientNeedsList({ locale, needs, testId }: PatientNeedsListProps) {
  const lines = needLines(locale, needs);
  if (lines.length === 0) return null;
  return (
    <ul className="patient-needs" data-testid={testId} aria-label="Besoins du patient">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
