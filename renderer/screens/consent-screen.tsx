// Step 3: consent and who is present; the attendant leaves unless the patient asks them to stay.
import { useState } from 'react';
import type { ConsentScreen as ConsentView } from '../../contract/cabin-view';
import { PRESENCES, type Presence } from '../../contract/domain';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { ScreenFrame } from '../components/screen-frame';
import { Toggle } from '../components/toggle';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the consent screen; "J'accepte" sends the presence and whether the attendant stays. */
export function ConsentScreen({ screen, act, send }: StepProps<ConsentView>) {
  const { strings } = useUi();
  const s = strings.consent;
  const [presence, setPresence] = useState<Presence>('alone');
  const [attendantStays, setAttendantStays] = useState(false);
  return (
    <ScreenFrame
      screen="consent"
      title={s.title}
      actions={
        <>
          <ActionButton testId="consent-decline" kind="secondary" onPress={send('patient.declineConsent')}>
            {s.decline}
          </ActionButton>
          <ActionButton
            testId="consent-accept"
            onPress={() => act({ type: 'patient.consent', presence, attendantStays })}
          >
            {s.accept}
          </ActionButton>
        </>
      }
    >
      <p className="lead">{s.body}</p>
      <h2 className="section-title">{s.presenceQuestion}</h2>
      <div className="choice-group choice-grid" role="radiogroup" aria-label={s.presenceQuestion}>
        {PRESENCES.map((choice) => (
          <ChoiceButton
            key={choice}
            testId={`presence-${choice}`}
            chosen={choice === presence}
            announce="radio"
            onPress={() => setPresence(choice)}
          >
            {s.presences[choice]}
          </ChoiceButton>
        ))}
      </div>
      <p className="note">{s.presenceNote}</p>
      <Toggle testId="attendant-stays" checked={attendantStays} onChange={setAttendantStays}>
        {s.attendantStays}
      </Toggle>
      <p className="note">{s.attendantNote}</p>
      <p className="fine-print" data-testid="consent-version">
        {fill(s.version, { version: screen.consentTextVersion })}
      </p>
    </ScreenFrame>
  );
}
