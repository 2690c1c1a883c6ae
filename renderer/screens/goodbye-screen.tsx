// Step 9b: goodbye, take your card and documents, and report a problem if there was one.
import { useState } from 'react';
import type { GoodbyeScreen as GoodbyeView } from '../../contract/cabin-view';
import type { ProblemKind } from '../../contract/patient-action';
import { ActionButton } from '../components/action-button';
import { ScreenFrame } from '../components/screen-frame';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** The problems offered, in the goodbye screen's order (mirrors PROBLEM_KINDS of the contract, types only here). */
export const PROBLEM_CHOICES: readonly ProblemKind[] = [
  'video',
  'sound',
  'device',
  'printer',
  'card',
  'other',
];

/** Draws the goodbye screen; "Signaler un problème" opens the list of problem kinds until one is sent. */
export function GoodbyeScreen({ screen, act }: StepProps<GoodbyeView>) {
  const { strings } = useUi();
  const s = strings.goodbye;
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
      actions={
        <ActionButton testId="finish" onPress={() => act({ type: 'patient.finish' })}>
          {s.finish}
        </ActionButton>
      }
    >
      <p className="lead lead-strong">{s.body}</p>
      <p className="lead" data-testid="documents-printed">
        {printed}
      </p>
      <p className="note">{s.pharmacy}</p>
      {screen.problemReported ? (
        <p className="confirmation" data-testid="problem-reported">
          {s.thanks}
        </p>
      ) : choosing ? (
        <div className="problem-choice">
          <h2 className="section-title">{s.whichProblem}</h2>
          <div className="choice-group choice-grid">
            {PROBLEM_CHOICES.map((problem) => (
              <button
                key={problem}
                type="button"
                className="choice"
                data-testid={`problem-${problem}`}
                onClick={() => act({ type: 'patient.reportProblem', problem })}
              >
                {s.problems[problem]}
              </button>
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
