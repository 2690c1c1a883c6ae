// One yes/no question with two large answer buttons; the chosen answer stays highlighted.
import { useUi } from '../ui-context';

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
        <button
          type="button"
          className={`answer${value === true ? ' answer-chosen' : ''}`}
          aria-pressed={value === true}
          data-testid={`answer-${field}-yes`}
          onClick={() => onChange(true)}
        >
          {strings.common.yes}
        </button>
        <button
          type="button"
          className={`answer${value === false ? ' answer-chosen' : ''}`}
          aria-pressed={value === false}
          data-testid={`answer-${field}-no`}
          onClick={() => onChange(false)}
        >
          {strings.common.no}
        </button>
      </div>
    </fieldset>
  );
}
