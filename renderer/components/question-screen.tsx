// Yes/no questions asked one at a time on the same screen, then a summary of the answers sent together.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Answer } from '../../contract/cover';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { ScreenFrame, type FramedView } from './screen-frame';
import { YesNoQuestion } from './yes-no-question';

/**
 * How long the answers of a newly shown question ignore taps, so that a patient's double tap on one
 * answer does not also answer the next question (a product decision).
 */
export const NEW_QUESTION_GUARD_MS = 300;

/** One question of the list; `field` names it in test ids and in the answers, `short` in the summary. */
export interface QuestionItem<F extends string> {
  readonly field: F;
  readonly question: string;
  readonly explanation?: string;
  readonly short: string;
}

/** The answers given so far, by question. */
export type Answers<F extends string> = Partial<Record<F, Answer>>;

/** Props of QuestionScreen; `intro` comes above each question. */
export interface QuestionScreenProps<F extends string> {
  readonly screen: FramedView;
  readonly title: string;
  readonly intro?: ReactNode;
  /**
   * The questions to ask, in order, given the answers so far: a follow-up appears right after the
   * answer that calls for it, and goes (with its answer) when that answer changes.
   */
  readonly questions: (answers: Answers<F>) => readonly QuestionItem<F>[];
  /** Offers "Je ne sais pas" on every question. */
  readonly allowUnknown?: boolean;
  readonly submitLabel: string;
  /** Called once every question is answered, with the answers of the questions asked, and only those. */
  readonly onSubmit: (answers: Answers<F>) => void;
  /** The clock of the double-tap guard, in milliseconds; `Date.now` unless a test gives its own. */
  readonly now?: () => number;
}

/**
 * Shows one question at a time (`answer-<field>-yes` / `-no` / `-unknown`); answering shows the next one, and
 * `previous-question` the one before. After the last, a summary lists each answer (`summary-<field>`,
 * touched to change it) above the submit button (`submit-answers`). Nothing is sent before the submit.
 * The answers of a question ignore taps for NEW_QUESTION_GUARD_MS after it appears; the buttons are not
 * disabled meanwhile (a timestamp check), so nothing flickers.
 */
export function QuestionScreen<F extends string>({
  screen,
  title,
  intro,
  questions: questionsFor,
  allowUnknown = false,
  submitLabel,
  onSubmit,
  now = Date.now,
}: QuestionScreenProps<F>) {
  const { strings } = useUi();
  const q = strings.questions;
  const [answers, setAnswers] = useState<Answers<F>>({});
  const questions = questionsFor(answers);
  // The index of the question shown; questions.length is the summary.
  const [position, setPosition] = useState(0);
  // Set when a question was opened from the summary: answering it goes back to the summary.
  const [fromSummary, setFromSummary] = useState(false);
  // When the question on screen appeared (null on the summary); taps on its answers count only after the guard.
  const shownAt = useRef<number | null>(null);
  const shownField = position < questions.length ? questions[position]?.field : undefined;
  useLayoutEffect(() => {
    shownAt.current = shownField === undefined ? null : now();
  }, [shownField, position, now]);
  const tooSoon = (): boolean => {
    if (shownAt.current === null) return false;
    const elapsed = now() - shownAt.current;
    // A clock that went backwards does not lock the answers.
    return elapsed >= 0 && elapsed < NEW_QUESTION_GUARD_MS;
  };

  const summary = position >= questions.length;
  const complete = questions.every((item) => answers[item.field] !== undefined);
  const answerLabel = (value: Answer | undefined): string =>
    value === undefined ? '' : strings.answers[value];

  const previous = (
    <ActionButton
      testId="previous-question"
      kind="quiet"
      onPress={() => {
        setFromSummary(false);
        setPosition((current) => Math.max(0, Math.min(current, questions.length) - 1));
      }}
    >
      {`← ${q.previous}`}
    </ActionButton>
  );

  if (summary) {
    return (
      <ScreenFrame
        screen={screen}
        title={q.summaryTitle}
        actions={
          <>
            {previous}
            <ActionButton
              testId="submit-answers"
              disabled={!complete}
              onPress={() => {
                if (!complete) return;
                const asked: Answers<F> = {};
                for (const item of questions) asked[item.field] = answers[item.field];
                onSubmit(asked);
              }}
            >
              {submitLabel}
            </ActionButton>
          </>
        }
      >
        <p className="question-intro">{q.summaryIntro}</p>
        <ul className="answer-summary">
          {questions.map((item, index) => (
            <li key={item.field}>
              <button
                type="button"
                className="answer-summary-item"
                data-testid={`summary-${item.field}`}
                onClick={() => {
                  setFromSummary(true);
                  setPosition(index);
                }}
              >
                <span className="answer-summary-question">{item.short}</span>
                <span className="answer-summary-answer">{answerLabel(answers[item.field])}</span>
                <span className="answer-summary-change">{q.change}</span>
              </button>
            </li>
          ))}
        </ul>
      </ScreenFrame>
    );
  }

  const item = questions[position];
  if (item === undefined) throw new Error(`no question at ${String(position)}`);
  return (
    <ScreenFrame screen={screen} title={title} actions={position > 0 ? previous : undefined}>
      {questions.length > 1 && (
        <p className="question-counter" data-testid="question-counter">
          {fill(q.counter, { current: position + 1, total: questions.length })}
        </p>
      )}
      {intro}
      <YesNoQuestion
        key={item.field}
        field={item.field}
        question={item.question}
        explanation={item.explanation}
        value={answers[item.field] ?? null}
        allowUnknown={allowUnknown}
        alone
        onChange={(value) => {
          if (tooSoon()) return;
          const next: Answers<F> = { ...answers, [item.field]: value };
          setAnswers(next);
          const nextQuestions = questionsFor(next);
          const firstUnanswered = nextQuestions.findIndex((other) => next[other.field] === undefined);
          // From the summary: to a follow-up the change calls for, else back to the summary. Otherwise
          // on to the next question (the summary after the last).
          if (fromSummary) setPosition(firstUnanswered === -1 ? nextQuestions.length : firstUnanswered);
          else setPosition(position + 1);
          setFromSummary(fromSummary && firstUnanswered !== -1);
        }}
      />
    </ScreenFrame>
  );
}
