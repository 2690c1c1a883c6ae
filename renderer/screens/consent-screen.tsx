// Step 3: consent and who is present; the attendant leaves unless the patient asks them to stay. A
// refusal is asked again, with what the patient can do instead, before the session ends.
import { useState } from 'react';
import type { ConsentScreen as ConsentView } from '../../contract/cabin-view';
import { PRESENCES, type Presence } from '../../contract/domain';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { ScreenFrame } from '../components/screen-frame';
import { Toggle } from '../components/toggle';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/**
 * Draws the consent: what the patient agrees to, who is with them (`presence-<presence>`), whether the
 * attendant stays; "J'accepte" (`consent-accept`) sends them, "Je refuse" (`consent-decline`) asks
 * again (`refuse-confirm`, `refuse-cancel`).
 */
export function ConsentScreen({ screen, act, send }: StepProps<ConsentView>) {
  const { strings } = useUi();
  const s = strings.consent;
  const [presence, setPresence] = useState<Presence>('alone');
  const [attendantStays, setAttendantStays] = useState(false);
  if (screen.stage === 'confirmingRefusal') {
    return (
      <ScreenFrame
        screen={screen}
        title={s.refuseTitle}
        actions={
          <>
            <ActionButton testId="refuse-cancel" kind="secondary" onPress={send('patient.back')}>
              {s.refuseCancel}
            </ActionButton>
            <ActionButton testId="refuse-confirm" onPress={send('patient.declineConsent')}>
              {s.refuseConfirm}
            </ActionButton>
          </>
        }
      >
        <p className="lead">{s.refuseBody}</p>
        <p className="lead" data-testid="refuse-advice">
          {s.refuseAdvice}
        </p>
      </ScreenFrame>
    );
  }
  return (
    <ScreenFrame
      screen={screen}
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
      <h2 className="section-title">{s.agreeTitle}</h2>
      <ul className="plain-list" data-testid="consent-terms">
        <li>{s.agreeVideo}</li>
        <li>{s.agreeData}</li>
        <li data-testid="consent-billing">{s.agreeBilling}</li>
        <li>{s.agreeNothingKept}</li>
        <li>{s.agreeTrace}</li>
        <li>{s.agreeChange}</li>
      </ul>
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
      <p className="note">{s.minorNote}</p>
      <Toggle testId="attendant-stays" checked={attendantStays} onChange={setAttendantStays}>
        {s.attendantStays}
      </Toggle>
      <p className="note">{s.attendantNote}</p>
    </ScreenFrame>
  );
}
