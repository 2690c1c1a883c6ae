// One yes/no question with large answer buttons, and "Je ne sais pas" where the rules have an answer for
// it; the chosen answer stays highlighted.
import type { Answer } from '../../contract/cover';
import { useUi } from '../ui-context';

/** The answers in the order they are offered; their names are the test ids' ends (`answer-<field>-unknown`). */
const ANSWER_ORDER: readonly Answer[] = ['yes', 'no', 'unknown'];

/** Props of YesNoQuestion; `field` names the answer in test ids (`answer-<field>-yes`). */
export interface YesNoQuestionProps {
  readonly field: string;
  readonly question: string;
  readonly explanation?: string;
  readonly value: Answer | null;
  readonly onChange: (value: Answer) => void;
  /** Offers "Je ne sais pas" as a third answer. */
  readonly allowUnknown?: boolean;
  /** Drawn alone on its screen: no box, larger text and buttons. */
  readonly alone?: boolean;
}

/** Asks a question and reports the answer touched: yes, no, or (when offered) "I do not know". */
export function YesNoQuestion({
  field,
  question,
  explanation,
  value,
  onChange,
  allowUnknown = false,
  alone,
}: YesNoQuestionProps) {
  const { strings } = useUi();
  const answers = allowUnknown ? ANSWER_ORDER : ANSWER_ORDER.filter((answer) => answer !== 'unknown');
  return (
    <fieldset
      className={`question${alone === true ? ' question-single' : ''}`}
      data-testid={`question-${field}`}
    >
      <legend className="question-text">{question}</legend>
      {explanation !== undefined && <p className="question-explanation">{explanation}</p>}
      <div className="question-answers">
        {answers.map((answer) => (
          <button
            key={answer}
            type="button"
            className={`answer${value === answer ? ' answer-chosen' : ''}${answer === 'unknown' ? ' answer-unknown' : ''}`}
            aria-pressed={value === answer}
            data-testid={`answer-${field}-${answer}`}
            onClick={() => onChange(answer)}
          >
            {strings.answers[answer]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
