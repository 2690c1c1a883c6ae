// Step 9b: goodbye, take your card and documents, and report a problem if there was one.
import { useState } from 'react';
import type { GoodbyeScreen as GoodbyeView } from '../../contract/cabin-view';
import { PROBLEM_KINDS } from '../../contract/patient-action';
import { ActionButton } from '../components/action-button';
import { CardPicture } from '../components/card-picture';
import { ChoiceButton } from '../components/choice-button';
import { ClosingNotice } from '../components/closing-notice';
import { ScreenFrame } from '../components/screen-frame';
import { fill, formatMoney } from '../i18n';
import { useRepeatAloud } from '../read-aloud';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** How often the "take your card" sentence is read aloud again while the card is in the reader. */
export const TAKE_CARD_REPEAT_MS = 10_000;

/**
 * Draws the goodbye screen; "Signaler un problème" opens the list of problem kinds until one is sent.
 * While the Carte Vitale is in the reader, an alert above the title asks for it (`take-card`), read aloud
 * every 10 s when read-aloud is on; it goes away when the card is out.
 */
export function GoodbyeScreen({ screen, act, send }: StepProps<GoodbyeView>) {
  const { strings, readAloud, locale } = useUi();
  const s = strings.goodbye;
  useRepeatAloud(s.takeCard, readAloud && screen.cardInReader, strings.meta.speechLang, TAKE_CARD_REPEAT_MS);
  const [choosing, setChoosing] = useState(false);
  const printed =
    screen.documentsPrinted === 0
      ? s.printedNone
      : screen.documentsPrinted === 1
        ? s.printedOne
        : fill(s.printedMany, { count: screen.documentsPrinted });
  return (
    <ScreenFrame
      screen="goodbye"
      title={s.title}
      alert={
        screen.cardInReader && (
          <div className="take-card" role="alert" data-testid="take-card">
            <CardPicture direction="out" />
            <p className="take-card-text">{s.takeCard}</p>
          </div>
        )
      }
      actions={
        <ActionButton testId="finish" onPress={send('patient.finish')}>
          {s.finish}
        </ActionButton>
      }
    >
      <p className="lead lead-strong">{s.body}</p>
      <ClosingNotice closesAt={screen.closesAt} onMoreTime={send('patient.stillHere')} />
      <p className="lead" data-testid="documents-printed">
        {printed}
      </p>
      {screen.payAtCounterCents !== null && (
        <p className="lead lead-strong" data-testid="pay-at-counter">
          {fill(s.payAtCounter, { amount: formatMoney(screen.payAtCounterCents, locale) })}
        </p>
      )}
      {screen.problemReported ? (
        <p className="confirmation" data-testid="problem-reported">
          {s.thanks}
        </p>
      ) : choosing ? (
        <div className="problem-choice">
          <h2 className="section-title">{s.whichProblem}</h2>
          <div className="choice-group choice-grid">
            {PROBLEM_KINDS.map((problem) => (
              <ChoiceButton
                key={problem}
                testId={`problem-${problem}`}
                onPress={() => act({ type: 'patient.reportProblem', problem })}
              >
                {s.problems[problem]}
              </ChoiceButton>
            ))}
          </div>
        </div>
      ) : (
        <ActionButton testId="report-problem" kind="secondary" onPress={() => setChoosing(true)}>
          {s.reportProblem}
        </ActionButton>
      )}
    </ScreenFrame>
  );
}
