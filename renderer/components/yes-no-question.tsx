// One yes/no question with two large answer buttons; the chosen answer stays highlighted.
import { useUi } from '../ui-context';

/** The two answers, in the order they are offered, with their names in test ids and strings. */
const ANSWERS = [
  { answer: true, name: 'yes' },
  { answer: false, name: 'no' },
] as const;

/** Props of YesNoQuestion; `field` names the answer in test ids (`answer-<field>-yes`). */
export interface YesNoQuestionProps {
  readonly field: string;
  readonly question: string;
  readonly explanation?: string;
  readonly value: boolean | null;
  readonly onChange: (value: boolean) => void;
  /** Drawn alone on its screen: no box, larger text and buttons. */
  readonly alone?: boolean;
}

/** Asks a question and reports true (yes) or false (no) when an answer is touched. */
export function YesNoQuestion({ field, question, explanation, value, onChange, alone }: YesNoQuestionProps) {
  const { strings } = useUi();
  return (
    <fieldset
      className={`question${alone === true ? ' question-single' : ''}`}
      data-testid={`question-${field}`}
    >
      <legend className="question-text">{question}</legend>
      {explanation !== undefined && <p className="question-explanation">{explanation}</p>}
      <div className="question-answers">
        {ANSWERS.map(({ answer, name }) => (
          <button
            key={name}
            type="button"
            className={`answer${value === answer ? ' answer-chosen' : ''}`}
            aria-pressed={value === answer}
            data-testid={`answer-${field}-${name}`}
            onClick={() => onChange(answer)}
          >
            {strings.common[name]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
