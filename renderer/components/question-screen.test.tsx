// @vitest-environment jsdom
// The yes/no questions one at a time (care path and eligibility), as a patient answers them.
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinView, StepScreen } from '../../contract/cabin-view';
import { mountView, type MountedApp } from '../dom-harness';
import type { FakeCabinTransport } from '../fake-cabin-transport';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';

const sessionView = (screen: StepScreen, overrides: Parameters<typeof sampleSession>[1] = {}): CabinView =>
  sampleView(sampleSession(screen, overrides));

let mounted: MountedApp | null = null;

async function open(view: CabinView): Promise<{ app: MountedApp; transport: FakeCabinTransport }> {
  const opened = await mountView(view);
  mounted = opened.app;
  return opened;
}

afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const shown = (app: MountedApp): string[] =>
  [...app.container.querySelectorAll('[data-testid^="question-"]')]
    .map((element) => element.getAttribute('data-testid') ?? '')
    .filter((id) => id !== 'question-counter');

describe('questions one at a time', () => {
  it('shows one question, then the next with its counter once answered, without calling the controller', async () => {
    const { app, transport } = await open(sessionView(SAMPLE_SCREENS.appointment.carePath));
    expect(shown(app)).toEqual(['question-referredOrNoRegularDoctor']);
    expect(app.get('question-counter').textContent).toBe('Question 1 sur 3');
    expect(app.text()).toContain(
      "Le médecin traitant est le médecin que vous avez déclaré à l'Assurance Maladie.",
    );
    expect(app.query('previous-question')).toBeNull();
    expect(app.query('submit-answers')).toBeNull();

    await app.click('answer-referredOrNoRegularDoctor-yes');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('question-counter').textContent).toBe('Question 2 sur 3');
    expect(app.query('answer-referredOrNoRegularDoctor-yes')).toBeNull();
    expect(app.query('previous-question')).not.toBeNull();
    expect(transport.actions()).toEqual([]);
  });

  it('goes back to the previous question with its answer kept', async () => {
    const { app, transport } = await open(sessionView(SAMPLE_SCREENS.appointment.carePath));
    await app.click('answer-referredOrNoRegularDoctor-yes');
    await app.click('answer-exemptedCase-no');
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
    const { app, transport } = await open(sessionView(SAMPLE_SCREENS.appointment.carePath));
    await app.click('answer-referredOrNoRegularDoctor-yes');
    await app.click('answer-exemptedCase-no');
    await app.click('answer-fullCover-no');
    expect(shown(app)).toEqual([]);
    expect(app.query('question-counter')).toBeNull();
    expect(app.get('summary-referredOrNoRegularDoctor').textContent).toContain('Oui');
    expect(app.get('summary-exemptedCase').textContent).toContain('Non');
    expect(app.get('summary-fullCover').textContent).toContain('Remboursé à 100 %');
    expect(app.get('summary-fullCover').textContent).toContain('Non');

    await app.click('summary-exemptedCase');
    expect(shown(app)).toEqual(['question-exemptedCase']);
    expect(app.get('answer-exemptedCase-no').getAttribute('aria-pressed')).toBe('true');
    await app.click('answer-exemptedCase-yes');
    // Straight back to the summary, the other answers untouched.
    expect(app.get('summary-exemptedCase').textContent).toContain('Oui');
    expect(app.get('summary-referredOrNoRegularDoctor').textContent).toContain('Oui');
    expect(app.get('summary-fullCover').textContent).toContain('Non');
    expect(transport.actions()).toEqual([]);

    // From the summary, the previous question is the last one.
    await app.click('previous-question');
    expect(shown(app)).toEqual(['question-fullCover']);
    await app.click('answer-fullCover-no');
    expect(app.query('submit-answers')).not.toBeNull();
  });

  it('sends all the answers together with submit-answers', async () => {
    const { app, transport } = await open(sessionView(SAMPLE_SCREENS.appointment.carePath));
    await app.click('answer-referredOrNoRegularDoctor-yes');
    await app.click('answer-exemptedCase-no');
    await app.click('answer-fullCover-no');
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
      sessionView(SAMPLE_SCREENS.appointment.eligibility, { locale: 'en' }),
    );
    expect(app.get('question-counter').textContent).toBe('Question 1 of 2');
    await app.click('answer-physicalActNeeded-no');
    expect(app.get('question-counter').textContent).toBe('Question 2 of 2');
    await app.click('answer-earlierInPersonSession-yes');
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
