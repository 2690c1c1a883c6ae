// A screen of yes/no questions, sent together once each has an answer.
import { useState, type ReactNode } from 'react';
import { ActionButton } from './action-button';
import { ScreenFrame, type FramedView } from './screen-frame';
import { YesNoQuestion } from './yes-no-question';

/** One question of the list; `field` names it in test ids and in the answers. */
export interface QuestionItem<F extends string> {
  readonly field: F;
  readonly question: string;
  readonly explanation?: string;
}

/** Props of QuestionScreen; `intro` comes above the questions. */
export interface QuestionScreenProps<F extends string> {
  readonly screen: FramedView;
  readonly title: string;
  readonly intro?: ReactNode;
  readonly questions: readonly QuestionItem<F>[];
  readonly submitLabel: string;
  /** Called once every question is answered, with a lookup of the answers (false for a field not asked). */
  readonly onSubmit: (answer: (field: F) => boolean) => void;
}

/** Draws the questions and a submit button (`submit-answers`) disabled until all are answered. */
export function QuestionScreen<F extends string>({
  screen,
  title,
  intro,
  questions,
  submitLabel,
  onSubmit,
}: QuestionScreenProps<F>) {
  const [answers, setAnswers] = useState<Partial<Record<F, boolean>>>({});
  const complete = questions.every((item) => answers[item.field] !== undefined);
  const asked = (field: F): boolean => questions.some((item) => item.field === field);
  return (
    <ScreenFrame
      screen={screen}
      title={title}
      actions={
        <ActionButton
          testId="submit-answers"
          disabled={!complete}
          onPress={() => {
            if (complete) onSubmit((field) => asked(field) && answers[field] === true);
          }}
        >
          {submitLabel}
        </ActionButton>
      }
    >
      {intro}
      {questions.map((item) => (
        <YesNoQuestion
          key={item.field}
          field={item.field}
          question={item.question}
          explanation={item.explanation}
          value={answers[item.field] ?? null}
          onChange={(value) => setAnswers((current) => ({ ...current, [item.field]: value }))}
        />
      ))}
    </ScreenFrame>
  );
}
