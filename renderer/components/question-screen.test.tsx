// @vitest-environment jsdom
// The yes/no questions one at a time (care path and eligibility), as a patient answers them.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { NEW_QUESTION_GUARD_MS } from './question-screen';

const { open } = openViews();

// The double-tap guard reads Date.now: the clock stands still unless a test lets time pass.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets `ms` pass on the guard's clock. */
const wait = (ms: number): void => {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
};

/** Answers as a patient does: a moment after the question appeared, past the double-tap guard. */
const answer = async (app: MountedApp, testId: string): Promise<void> => {
  wait(NEW_QUESTION_GUARD_MS);
  await app.click(testId);
};

const shown = (app: MountedApp): string[] =>
  [...app.container.querySelectorAll('[data-testid^="question-"]')]
    .map((element) => element.getAttribute('data-testid') ?? '')
    .filter((id) => id !== 'question-counter');

describe('questions one at a time', () => {
  it('shows one question, then the next with its counter once answered, without calling the controller', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    expect(shown(app)).toEqual(['question-referredOrNoRegularDoctor']);
    expect(app.get('question-counter').textContent).toBe('Question 1 sur 3');
    expect(app.text()).toContain(
      "Le médecin traitant est le médecin que vous avez déclaré à l'Assurance Maladie.",
    );
    expect(app.query('previous-question')).toBeNull();
    expect(app.query('submit-answers')).toBeNull();

    await answer(app, 'answer-referredOrNoRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('question-counter').textContent).toBe('Question 2 sur 3');
    expect(app.query('answer-referredOrNoRegularDoctor-yes')).toBeNull();
    expect(app.query('previous-question')).not.toBeNull();
    expect(transport.actions()).toEqual([]);
  });

  it('goes back to the previous question with its answer kept', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    await answer(app, 'answer-referredOrNoRegularDoctor-yes');
    await answer(app, 'answer-exemptedCase-no');
    expect(app.get('question-counter').textContent).toBe('Question 3 sur 3');

    await app.click('previous-question');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('answer-exemptedCase-no').getAttribute('aria-pressed')).toBe('true');
    expect(app.get('answer-exemptedCase-yes').getAttribute('aria-pressed')).toBe('false');

    await app.click('previous-question');
    expect(app.get('answer-referredOrNoRegularDoctor-yes').getAttribute('aria-pressed')).toBe('true');
    expect(app.query('previous-question')).toBeNull();
    // The header's back still goes to the controller.
    await app.click('back');
    expect(transport.actions()).toEqual([{ type: 'patient.back' }]);
  });

  it('lists the answers after the last question and lets the patient change one by touching it', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    await answer(app, 'answer-referredOrNoRegularDoctor-yes');
    await answer(app, 'answer-exemptedCase-no');
    await answer(app, 'answer-fullCover-no');
    expect(shown(app)).toEqual([]);
    expect(app.query('question-counter')).toBeNull();
    expect(app.get('summary-referredOrNoRegularDoctor').textContent).toContain('Oui');
    expect(app.get('summary-exemptedCase').textContent).toContain('Non');
    expect(app.get('summary-fullCover').textContent).toContain('Remboursé à 100 %');
    expect(app.get('summary-fullCover').textContent).toContain('Non');

    await app.click('summary-exemptedCase');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('answer-exemptedCase-no').getAttribute('aria-pressed')).toBe('true');
    await answer(app, 'answer-exemptedCase-yes');
    // Straight back to the summary, the other answers untouched.
    expect(app.get('summary-exemptedCase').textContent).toContain('Oui');
    expect(app.get('summary-referredOrNoRegularDoctor').textContent).toContain('Oui');
    expect(app.get('summary-fullCover').textContent).toContain('Non');
    expect(transport.actions()).toEqual([]);

    // From the summary, the previous question is the last one.
    await app.click('previous-question');
    expect(shown(app)).toEqual(['question-fullCover']);
    await answer(app, 'answer-fullCover-no');
    expect(app.query('submit-answers')).not.toBeNull();
  });

  it('sends all the answers together with submit-answers', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    await answer(app, 'answer-referredOrNoRegularDoctor-yes');
    await answer(app, 'answer-exemptedCase-no');
    await answer(app, 'answer-fullCover-no');
    expect(app.get('submit-answers').textContent).toBe('Continuer');
    await app.click('submit-answers');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.answerCarePath',
        answers: { referredOrNoRegularDoctor: true, exemptedCase: false, fullCover: false },
      },
    ]);
  });

  it('asks both eligibility questions of a physiotherapist, in English', async () => {
    const { app, transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.appointment.eligibility, { locale: 'en' }),
    );
    expect(app.get('question-counter').textContent).toBe('Question 1 of 2');
    await answer(app, 'answer-physicalActNeeded-no');
    expect(app.get('question-counter').textContent).toBe('Question 2 of 2');
    await answer(app, 'answer-earlierInPersonSession-yes');
    expect(app.get('summary-earlierInPersonSession').textContent).toContain('Yes');
    expect(app.get('previous-question').textContent).toContain('Previous question');
    await app.click('submit-answers');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.answerEligibility',
        answers: { physicalActNeeded: false, earlierInPersonSession: true },
      },
    ]);
  });
});

describe('the double-tap guard of a new question', () => {
  it('ignores a tap on the answers of a question shown less than 300 ms ago, and counts one after', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    wait(NEW_QUESTION_GUARD_MS - 1);
    await app.click('answer-referredOrNoRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-referredOrNoRegularDoctor']);
    expect(app.get('answer-referredOrNoRegularDoctor-yes').getAttribute('aria-pressed')).toBe('false');

    wait(1);
    await app.click('answer-referredOrNoRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(transport.actions()).toEqual([]);
  });

  it("does not let a patient's double tap answer the next question", async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    wait(1_000);
    await app.click('answer-referredOrNoRegularDoctor-no');
    // The second tap of the double tap lands 120 ms later on the next question's "Non".
    wait(120);
    await app.click('answer-exemptedCase-no');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('question-counter').textContent).toBe('Question 2 sur 3');
    expect(app.get('answer-exemptedCase-no').getAttribute('aria-pressed')).toBe('false');
    // The buttons stay enabled meanwhile: nothing flickers.
    expect(app.get('answer-exemptedCase-no').hasAttribute('disabled')).toBe(false);

    wait(NEW_QUESTION_GUARD_MS);
    await app.click('answer-exemptedCase-no');
    expect(app.get('question-counter').textContent).toBe('Question 3 sur 3');
  });

  it('guards a question opened again from the summary or with previous-question', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.carePath));
    await answer(app, 'answer-referredOrNoRegularDoctor-yes');
    await answer(app, 'answer-exemptedCase-no');
    await answer(app, 'answer-fullCover-no');
    await app.click('summary-exemptedCase');
    await app.click('answer-exemptedCase-yes');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    await answer(app, 'answer-exemptedCase-yes');
    expect(app.get('summary-exemptedCase').textContent).toContain('Oui');

    await app.click('previous-question');
    await app.click('answer-fullCover-yes');
    expect(app.get('answer-fullCover-no').getAttribute('aria-pressed')).toBe('true');
    await answer(app, 'answer-fullCover-yes');
    expect(app.get('summary-fullCover').textContent).toContain('Oui');
  });
});
