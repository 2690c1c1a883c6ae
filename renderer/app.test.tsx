// @vitest-environment jsdom
// What a patient notices on the screens, driven through a fake transport that records every call.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { NEW_QUESTION_GUARD_MS } from './components/question-screen';
import { openViews } from './test-support/dom-harness';
import type { SessionView, StepScreen } from '../contract/cabin-view';
import { SAMPLE_SCREENS, sampleSessionView, sampleView } from './sample-screens';

const { open, push } = openViews();
const IN_CALL: StepScreen = SAMPLE_SCREENS.consultation.inCall;

describe('patient screens', () => {
  it('asks for the view at load, so a reload resumes the same screen', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    expect(transport.calls[0]?.method).toBe('getView');
    expect(app.container.querySelector('[data-screen]')?.getAttribute('data-screen')).toBe('consent');
  });

  it('starts a session with the chosen language and comfort options', async () => {
    const { app, transport } = await open(sampleView());
    expect(app.container.querySelector('[data-screen="welcome"]')).not.toBeNull();
    expect(app.text()).toContain('Commencer');
    await app.click('locale-en');
    await app.click('large-text');
    await app.click('start');
    expect(transport.calls.at(-1)).toEqual({
      method: 'startSession',
      params: { locale: 'en', accessibility: { largeText: true, readAloud: false } },
    });
    expect(app.container.querySelector('.app')?.classList.contains('large-text')).toBe(true);
  });

  it('shows the fee and the reimbursed share before any button to accept', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.information));
    const fee = app.get('cost-fee');
    const share = app.get('cost-share');
    expect(fee.textContent).toBe('25,00\u00a0€');
    expect(app.get('cost-assurance-maladie').textContent).toBe('15,50\u00a0€');
    expect(app.text()).toContain('70\u00a0% du prix, moins 2,00\u00a0€ de participation forfaitaire.');
    expect(app.get('cost-complementary').textContent).toBe('7,50\u00a0€');
    expect(share.textContent).toBe('9,50\u00a0€');
    const accept = app.get('next');
    expect(accept.textContent).toBe("J'ai compris");
    // The cost comes first in the document, so first on screen and first when read aloud.
    expect(fee.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(share.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await app.click('next');
    expect(transport.actions()).toEqual([{ type: 'patient.next' }]);
  });

  it('switches to English with the language button and draws the English the session speaks', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.information));
    expect(app.text()).toContain('Comment se passe la consultation');
    await app.click('locale-en');
    expect(transport.actions()).toEqual([{ type: 'patient.setLocale', locale: 'en' }]);
    await push(transport, sampleSessionView(SAMPLE_SCREENS.information, { locale: 'en' }));
    expect(app.text()).toContain('How the consultation works');
    expect(app.get('cost-fee').textContent).toBe('€25.00');
    expect(app.get('next').textContent).toBe('I understand');
    expect(app.query('locale-fr')).not.toBeNull();
  });

  it('switches the welcome screen to English before the session starts', async () => {
    const { app } = await open(sampleView());
    await app.click('locale-en');
    expect(app.text()).toContain('Welcome');
    expect(app.get('start').textContent).toBe('Start');
  });

  it('sends the typed identity and points at the fields the controller refused', async () => {
    const manual = SAMPLE_SCREENS.identification.manualEntry;
    const { app, transport } = await open(sampleSessionView(manual));
    await app.type('field-surname', ' Dupont ');
    await app.type('field-firstName', 'Jeanne');
    await app.type('field-birthDate-day', '2');
    await app.type('field-birthDate-month', '3');
    await app.type('field-birthDate-year', '1950');
    await app.type('field-nir', '2 50 03 75 123 456 78');
    await app.click('submit-identity');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.submitIdentity',
        identity: { surname: 'Dupont', firstName: 'Jeanne', birthDate: '1950-03-02', nir: '250037512345678' },
      },
    ]);
    // A long value is refused with its limit, never cut: the input itself has no maxLength.
    expect((app.get('field-surname') as HTMLInputElement).maxLength).toBe(-1);

    await push(
      transport,
      sampleSessionView({
        ...manual,
        invalidFields: [
          { field: 'birthDate', problem: 'notADate', length: 10 },
          { field: 'nir', problem: 'nirWrongKey', length: 15 },
        ],
      }),
    );
    expect(app.get('error-birthDate').textContent).toBe(
      "Cette date n'existe pas. Vérifiez le jour, le mois et l'année.",
    );
    expect(app.get('error-nir').textContent).toContain('Les 2 chiffres de clé');
    expect(app.query('error-surname')).toBeNull();
    // What was typed stays, so only the wrong field needs fixing.
    expect((app.get('field-surname') as HTMLInputElement).value).toBe(' Dupont ');
    // A field being corrected no longer shows the reason given for its older value.
    await app.type('field-nir', '2 50 03 75 123 456 7');
    expect(app.query('error-nir')).toBeNull();
    expect(app.get('error-birthDate').textContent).toContain("Cette date n'existe pas");
  });

  it('shows the generic message for a failure code it does not know', async () => {
    const { app } = await open(
      sampleSessionView({ ...SAMPLE_SCREENS.identification.cardFailed, failure: 'card.somethingNew' }),
    );
    expect(app.get('failure').textContent).toBe(
      "Un problème est survenu. Vous pouvez réessayer ou demander de l'aide.",
    );
  });

  it('shows a plain message for a known failure code', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.identification.cardFailed));
    expect(app.get('failure').textContent).toContain('La carte ne peut pas être lue');
  });

  it('answers "still there" with patient.stillHere', async () => {
    const { app, transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.consent.asking, { askingStillThere: true }),
    );
    expect(app.text()).toContain('Êtes-vous toujours là\u00a0?');
    await app.click('still-here');
    expect(transport.actions()).toEqual([{ type: 'patient.stillHere' }]);
  });

  it('asks for confirmation before quitting', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    await app.click('quit');
    expect(transport.actions()).toEqual([]);
    await app.click('quit-cancel');
    expect(app.query('quit-dialog')).toBeNull();
    await app.click('quit');
    await app.click('quit-confirm');
    expect(transport.actions()).toEqual([{ type: 'patient.quit' }]);
  });

  it('asks for confirmation before quitting from a screen of its own too', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.notEligible));
    expect(app.text()).toContain("il faut l'avoir déjà vu une fois en personne");
    await app.click('not-eligible-quit');
    expect(transport.actions()).toEqual([]);
    await app.click('quit-confirm');
    expect(transport.actions()).toEqual([{ type: 'patient.quit' }]);
  });

  it('calls for help and shows that staff is coming', async () => {
    const { app, transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.consent.asking, { canGoBack: false }),
    );
    expect(app.query('back')).toBeNull();
    await app.click('help');
    expect(transport.actions()).toEqual([{ type: 'patient.help' }]);
    await push(transport, sampleSessionView(SAMPLE_SCREENS.consent.asking, { helpRequested: true }));
    expect(app.get('help-banner').textContent).toBe("La personne de l'accueil a été prévenue.");
    await app.click('back');
    expect(transport.actions().at(-1)).toEqual({ type: 'patient.back' });
  });

  it('says who was told of the help call, lets the patient cancel it, and drops the banner once answered', async () => {
    const told = (help: SessionView['help'], screen: StepScreen = SAMPLE_SCREENS.consent.asking) =>
      sampleSessionView(screen, { helpRequested: help !== null && !help.answered, help });
    const { app, transport } = await open(told({ told: ['attendant', 'support'], answered: false }));
    expect(app.get('help-banner').textContent).toBe(
      "La personne de l'accueil et le service d'assistance ont été prévenus.",
    );
    await push(transport, told({ told: ['attendant', 'support', 'professional'], answered: false }, IN_CALL));
    expect(app.get('help-banner').textContent).toBe(
      "La personne de l'accueil, le service d'assistance et le médecin ont été prévenus.",
    );
    await app.click('help-cancel');
    expect(transport.actions()).toEqual([{ type: 'patient.cancelHelp' }]);
    await push(transport, told(null));
    expect(app.query('help-banner')).toBeNull();
    await push(transport, told({ told: ['attendant'], answered: true }));
    expect(app.query('help-banner')).toBeNull();
    expect(app.get('help-answered').textContent).toBe(
      "Votre demande d'aide a été vue. Quelqu'un s'occupe de vous.",
    );
    // The note goes with the screen where the call was answered.
    await push(
      transport,
      told({ told: ['attendant'], answered: true }, SAMPLE_SCREENS.identification.waitingForCard),
    );
    expect(app.query('help-answered')).toBeNull();
  });

  it('sends the presence and keeps the attendant only when asked', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    expect(app.get('attendant-stays').getAttribute('aria-checked')).toBe('false');
    await app.click('presence-relative');
    await app.click('consent-accept');
    expect(transport.actions()).toEqual([
      { type: 'patient.consent', presence: 'relative', attendantStays: false },
    ]);
    // The version of the text is recorded with the agreement, never shown to the patient.
    expect(app.text()).not.toContain('fr-2026-12');
  });

  it('asks the physiotherapy question only for a physiotherapist', async () => {
    const eligibility = SAMPLE_SCREENS.appointment.eligibility;
    const { app, transport } = await open(sampleSessionView({ ...eligibility, profession: 'nurse' }));
    expect(app.query('answer-earlierInPersonSession-yes')).toBeNull();
    expect(app.query('submit-answers')).toBeNull();
    expect(app.query('question-counter')).toBeNull(); // a single question has no "1 of 1"
    // Past the double-tap guard of a newly shown question.
    await new Promise((resolve) => setTimeout(resolve, NEW_QUESTION_GUARD_MS + 20));
    await app.click('answer-physicalActNeeded-no');
    expect(app.query('answer-earlierInPersonSession-yes')).toBeNull();
    expect(app.get('summary-physicalActNeeded').textContent).toContain('Non');
    expect(transport.actions()).toEqual([]);
    await app.click('submit-answers');
    expect(transport.actions()).toEqual([
      {
        type: 'patient.answerEligibility',
        answers: { physicalActNeeded: false, earlierInPersonSession: false },
      },
    ]);
  });

  it('shows the reconnection banner while the link is down and asks for the view again after', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    act(() => transport.setConnected(false));
    expect(app.get('reconnecting').textContent).toContain('Reconnexion');
    const before = transport.calls.filter((call) => call.method === 'getView').length;
    transport.view = sampleSessionView(SAMPLE_SCREENS.information);
    act(() => transport.setConnected(true));
    await app.settle();
    expect(transport.calls.filter((call) => call.method === 'getView').length).toBe(before + 1);
    expect(app.query('reconnecting')).toBeNull();
    expect(app.container.querySelector('[data-screen="information"]')).not.toBeNull();
  });

  it('forgets what the previous patient typed when their session ends', async () => {
    const manual = SAMPLE_SCREENS.identification.manualEntry;
    const { app, transport } = await open(sampleSessionView(manual));
    await app.type('field-surname', 'Dupont');
    await push(transport, sampleView(null, { phase: 'cleaning' }));
    expect(app.text()).toContain('Préparation de la cabine');
    await push(transport, sampleSessionView(manual));
    expect((app.get('field-surname') as HTMLInputElement).value).toBe('');
  });

  it('reports a problem on the goodbye screen and thanks the patient', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.goodbye));
    expect(app.text()).toContain('Merci, et au revoir\u00a0!');
    await app.click('report-problem');
    await app.click('problem-printer');
    expect(transport.actions()).toEqual([{ type: 'patient.reportProblem', problem: 'printer' }]);
    await push(transport, sampleSessionView({ ...SAMPLE_SCREENS.goodbye, problemReported: true }));
    expect(app.get('problem-reported').textContent).toBe("Merci, c'est noté.");
  });

  it('tells the patient when an action was refused', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.information));
    transport.nextResult = { ok: false, error: { code: 'session.refused' } };
    await app.click('next');
    expect(app.query('action-failed')).not.toBeNull();
  });

  it('says nothing of a touch that came as the screen changed: the new screen is the answer', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.information));
    transport.nextResult = { ok: false, error: { code: 'session.actionNotNow' } };
    await app.click('next');
    expect(app.query('action-failed')).toBeNull();
  });

  it('draws out of service calmly, pointing to the staff', async () => {
    const { app } = await open(
      sampleView(null, { phase: 'outOfService', outOfServiceReason: 'printer.absent' }),
    );
    expect(app.text()).toContain('Cabine hors service');
    expect(app.text()).toContain("Demandez de l'aide à la personne de l'accueil.");
    expect(app.text()).not.toContain('printer.absent');
  });
});
