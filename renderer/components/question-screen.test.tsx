// @vitest-environment jsdom
// The yes/no questions one at a time (the cover questions and the télésoin eligibility), as a patient
// answers them, "Je ne sais pas" included.
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

const CARE_PATH = SAMPLE_SCREENS.appointment.carePath;

/** Answers each question in turn, as a patient does. */
const answerAll = async (app: MountedApp, testIds: readonly string[]): Promise<void> => {
  for (const testId of testIds) await answer(app, testId);
};

describe('questions one at a time', () => {
  it('shows one question with "Je ne sais pas", then the next with its counter, without calling the controller', async () => {
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    expect(shown(app)).toEqual(['question-hasRegularDoctor']);
    expect(app.get('question-counter').textContent).toBe('Question 1 sur 4');
    expect(app.text()).toContain('Avez-vous un médecin traitant\u00a0?');
    expect(app.text()).toContain("C'est le médecin que vous avez déclaré à l'Assurance Maladie.");
    expect(app.get('answer-hasRegularDoctor-unknown').textContent).toBe('Je ne sais pas');
    expect(app.query('previous-question')).toBeNull();
    expect(app.query('submit-answers')).toBeNull();

    // "Oui" calls for the follow-up: "did they refer you?", and the count grows.
    await answer(app, 'answer-hasRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-referredByRegularDoctor']);
    expect(app.text()).toContain('Venez-vous sur le conseil de votre médecin traitant\u00a0?');
    expect(app.get('question-counter').textContent).toBe('Question 2 sur 5');
    expect(app.query('previous-question')).not.toBeNull();
    expect(transport.actions()).toEqual([]);
  });

  it('asks "indisponible ?" only when not referred, and the listed situations only when still undecided', async () => {
    const { app } = await open(sampleSessionView(CARE_PATH));
    await answer(app, 'answer-hasRegularDoctor-yes');
    await answer(app, 'answer-referredByRegularDoctor-no');
    expect(shown(app)).toEqual(['question-regularDoctorUnavailable']);
    await answer(app, 'answer-regularDoctorUnavailable-unknown');
    expect(shown(app)).toEqual(['question-exemptedSituation']);
    expect(app.text()).toContain('EHPAD');
    expect(app.get('question-counter').textContent).toBe('Question 4 sur 7');
    await answer(app, 'answer-exemptedSituation-no');
    expect(shown(app)).toEqual(['question-longTermCondition']);
  });

  it('asks a child under 16 nothing about the médecin traitant', async () => {
    const { app } = await open(sampleSessionView({ ...CARE_PATH, ageBand: 'under16' }));
    expect(shown(app)).toEqual(['question-longTermCondition']);
    expect(app.get('question-counter').textContent).toBe('Question 1 sur 3');
  });

  it.each(['midwife', 'dentist', 'nurse'] as const)(
    'asks nothing about the médecin traitant for a %s',
    async (profession) => {
      const { app } = await open(sampleSessionView({ ...CARE_PATH, profession }));
      expect(shown(app)).toEqual(['question-longTermCondition']);
    },
  );

  it('goes back to the previous question with its answer kept', async () => {
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    await answerAll(app, ['answer-hasRegularDoctor-no', 'answer-longTermCondition-unknown']);
    expect(app.get('question-counter').textContent).toBe('Question 3 sur 4');

    await app.click('previous-question');
    expect(shown(app)).toEqual(['question-longTermCondition']);
    expect(app.get('answer-longTermCondition-unknown').getAttribute('aria-pressed')).toBe('true');
    expect(app.get('answer-longTermCondition-no').getAttribute('aria-pressed')).toBe('false');

    await app.click('previous-question');
    expect(app.get('answer-hasRegularDoctor-no').getAttribute('aria-pressed')).toBe('true');
    expect(app.query('previous-question')).toBeNull();
    // The header's back still goes to the controller.
    await app.click('back');
    expect(transport.actions()).toEqual([{ type: 'patient.back' }]);
  });

  it('lists the answers after the last question; a changed answer brings or drops its follow-ups', async () => {
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    await answerAll(app, [
      'answer-hasRegularDoctor-no',
      'answer-longTermCondition-no',
      'answer-pregnantSixthMonth-no',
      'answer-solidarityCover-unknown',
    ]);
    expect(shown(app)).toEqual([]);
    expect(app.query('question-counter')).toBeNull();
    expect(app.get('summary-hasRegularDoctor').textContent).toContain('Non');
    expect(app.get('summary-solidarityCover').textContent).toContain('Complémentaire santé solidaire');
    expect(app.get('summary-solidarityCover').textContent).toContain('Je ne sais pas');

    // "Oui, j'ai un médecin traitant": the follow-up is asked, then straight back to the summary.
    await app.click('summary-hasRegularDoctor');
    await answer(app, 'answer-hasRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-referredByRegularDoctor']);
    await answer(app, 'answer-referredByRegularDoctor-yes');
    expect(app.get('summary-referredByRegularDoctor').textContent).toContain('Oui');
    expect(app.get('summary-longTermCondition').textContent).toContain('Non');

    // Back to "Non": the follow-up goes with its answer.
    await app.click('summary-hasRegularDoctor');
    await answer(app, 'answer-hasRegularDoctor-no');
    expect(app.query('summary-referredByRegularDoctor')).toBeNull();
    expect(transport.actions()).toEqual([]);

    // From the summary, the previous question is the last one.
    await app.click('previous-question');
    expect(shown(app)).toEqual(['question-solidarityCover']);
    await answer(app, 'answer-solidarityCover-no');
    expect(app.query('submit-answers')).not.toBeNull();
  });

  it('sends all the answers together with submit-answers, the questions not asked as null', async () => {
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    await answerAll(app, [
      'answer-hasRegularDoctor-yes',
      'answer-referredByRegularDoctor-unknown',
      'answer-regularDoctorUnavailable-no',
      'answer-exemptedSituation-no',
      'answer-longTermCondition-no',
      'answer-pregnantSixthMonth-no',
      'answer-solidarityCover-yes',
    ]);
    expect(app.get('submit-answers').textContent).toBe('Continuer');
    await app.click('submit-answers');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.answerCarePath',
        answers: {
          hasRegularDoctor: 'yes',
          referredByRegularDoctor: 'unknown',
          regularDoctorUnavailable: 'no',
          exemptedSituation: 'no',
          longTermCondition: 'no',
          pregnantSixthMonth: 'no',
          solidarityCover: 'yes',
        },
      },
    ]);
  });

  it('drops the answer of a follow-up that is no longer asked', async () => {
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    await answerAll(app, ['answer-hasRegularDoctor-yes', 'answer-referredByRegularDoctor-yes']);
    await app.click('previous-question');
    await app.click('previous-question');
    await answerAll(app, [
      'answer-hasRegularDoctor-no',
      'answer-longTermCondition-no',
      'answer-pregnantSixthMonth-no',
      'answer-solidarityCover-no',
    ]);
    await app.click('submit-answers');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.answerCarePath',
        answers: {
          hasRegularDoctor: 'no',
          referredByRegularDoctor: null,
          regularDoctorUnavailable: null,
          exemptedSituation: null,
          longTermCondition: 'no',
          pregnantSixthMonth: 'no',
          solidarityCover: 'no',
        },
      },
    ]);
  });

  it('asks both eligibility questions of a physiotherapist, in English, yes or no only', async () => {
    const { app, transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.appointment.eligibility, { locale: 'en' }),
    );
    expect(app.get('question-counter').textContent).toBe('Question 1 of 2');
    expect(app.query('answer-physicalActNeeded-unknown')).toBeNull();
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
    const { app, transport } = await open(sampleSessionView(CARE_PATH));
    wait(NEW_QUESTION_GUARD_MS - 1);
    await app.click('answer-hasRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-hasRegularDoctor']);
    expect(app.get('answer-hasRegularDoctor-yes').getAttribute('aria-pressed')).toBe('false');

    wait(1);
    await app.click('answer-hasRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-referredByRegularDoctor']);
    expect(transport.actions()).toEqual([]);
  });

  it("does not let a patient's double tap answer the next question", async () => {
    const { app } = await open(sampleSessionView(CARE_PATH));
    wait(1_000);
    await app.click('answer-hasRegularDoctor-no');
    // The second tap of the double tap lands 120 ms later on the next question's "Non".
    wait(120);
    await app.click('answer-longTermCondition-no');
    expect(shown(app)).toEqual(['question-longTermCondition']);
    expect(app.get('question-counter').textContent).toBe('Question 2 sur 4');
    expect(app.get('answer-longTermCondition-no').getAttribute('aria-pressed')).toBe('false');
    // The buttons stay enabled meanwhile: nothing flickers.
    expect(app.get('answer-longTermCondition-no').hasAttribute('disabled')).toBe(false);

    wait(NEW_QUESTION_GUARD_MS);
    await app.click('answer-longTermCondition-no');
    expect(app.get('question-counter').textContent).toBe('Question 3 sur 4');
  });

  it('guards a question opened again from the summary or with previous-question', async () => {
    const { app } = await open(sampleSessionView(CARE_PATH));
    await answerAll(app, [
      'answer-hasRegularDoctor-no',
      'answer-longTermCondition-no',
      'answer-pregnantSixthMonth-no',
      'answer-solidarityCover-no',
    ]);
    await app.click('summary-longTermCondition');
    await app.click('answer-longTermCondition-yes');
    expect(shown(app)).toEqual(['question-longTermCondition']);
    await answer(app, 'answer-longTermCondition-yes');
    expect(app.get('summary-longTermCondition').textContent).toContain('Oui');

    await app.click('previous-question');
    await app.click('answer-solidarityCover-yes');
    expect(app.get('answer-solidarityCover-no').getAttribute('aria-pressed')).toBe('true');
    await answer(app, 'answer-solidarityCover-yes');
    expect(app.get('summary-solidarityCover').textContent).toContain('Oui');
  });
});
