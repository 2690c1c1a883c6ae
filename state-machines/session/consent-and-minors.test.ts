// Scenarios of the consent and of who is present: the text version of the language read, a refusal
// asked again before the session ends, and a child under 16 who goes on only with a parent present.
import { describe, expect, it } from 'vitest';
import type { PatientIdentity } from '../../contract';
import {
  CARD_HOLDER,
  CHILD_ON_CARD,
  NO_PARCOURS_QUESTION,
  outcomeOf,
  REFERRED_BY_REGULAR_DOCTOR,
  SESSION_START,
  scenarioWalks,
  stageOf,
  type SessionHarness,
} from '../test-support';

const { walkIn, describeBackButton } = scenarioWalks();

/** Information, then the consent with this presence, then the card with this beneficiary chosen. */
function identify(
  session: SessionHarness,
  presence: 'alone' | 'parent' | 'relative',
  who: PatientIdentity,
): void {
  session.send({ type: 'patient.next' });
  session.send({ type: 'patient.consent', presence, attendantStays: false });
  session.cardReader.insert([CARD_HOLDER, who]);
  session.send({ type: 'patient.chooseBeneficiary', index: 1 });
  session.send({ type: 'patient.confirmIdentity' });
}

/** A beneficiary born this many years before the session, plus or minus days. */
function bornYearsBefore(years: number, days = 0): PatientIdentity {
  const start = new Date(SESSION_START);
  const birth = Date.UTC(start.getUTCFullYear() - years, start.getUTCMonth(), start.getUTCDate() + days);
  return { ...CHILD_ON_CARD, birthDate: new Date(birth).toISOString().slice(0, 10) };
}

describe('the consent', () => {
  it('records the version of the text in the language the patient read', () => {
    const session = walkIn({ locale: 'en' });
    session.send({ type: 'patient.next' });
    expect(session.view().screen).toEqual({
      step: 'consent',
      stage: 'asking',
      consentTextVersion: 'en-2026-12',
    });
    session.send({ type: 'patient.setLocale', locale: 'fr' });
    expect(session.view().screen).toMatchObject({ consentTextVersion: 'fr-2026-12' });
    session.send({ type: 'patient.consent', presence: 'carer', attendantStays: true });
    expect(session.recorded.consents).toEqual([
      { sessionId: 'session-test-1', textVersion: 'fr-2026-12', presence: 'carer', attendantStays: true },
    ]);
  });

  it('a refusal is asked again; "back" returns to the consent and nothing ends', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.declineConsent' });
    expect(session.view()).toMatchObject({
      canGoBack: true,
      screen: { step: 'consent', stage: 'confirmingRefusal' },
    });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('consent/asking');
    session.send({ type: 'patient.declineConsent' });
    session.send({ type: 'patient.declineConsent' });
    expect(outcomeOf(session)).toBe('declined');
    expect(session.recorded.consents).toEqual([]);
  });
});

describe('a child under 16', () => {
  it('with a parent present goes straight on, asked no médecin-traitant question', () => {
    const session = walkIn();
    identify(session, 'parent', CHILD_ON_CARD);
    expect(session.view().screen).toMatchObject({ step: 'appointment', stage: 'choosing' });
    expect(session.recorded.attendantCalls).toEqual([]);
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(session.view().screen).toMatchObject({ stage: 'carePath', ageBand: 'under16' });
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { cover: { reimbursed: true, deductionCents: 0, assuranceMaladieCents: 1750 } },
    });
  });

  it('without a parent: the cabin explains, calls the attendant, and goes on once a parent is there', () => {
    const session = walkIn();
    identify(session, 'relative', CHILD_ON_CARD);
    expect(session.view()).toMatchObject({
      helpRequested: true,
      canGoBack: true,
      screen: { step: 'identification', stage: 'parentNeeded' },
    });
    expect(session.recorded.attendantCalls).toEqual([{ sessionId: 'session-test-1' }]);

    session.send({ type: 'patient.confirmParentPresent' });
    expect(stageOf(session)).toBe('appointment/choosing');
    // The consent is traced again, with the parent present.
    expect(session.recorded.consents.map((consent) => consent.presence)).toEqual(['relative', 'parent']);
  });

  it('without a parent, the patient may leave instead: the session ends as cancelled', () => {
    const session = walkIn();
    identify(session, 'alone', CHILD_ON_CARD);
    expect(stageOf(session)).toBe('identification/parentNeeded');
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('cancelled');
  });

  it.each([
    ['15 years and 364 days', bornYearsBefore(16, 1), 'identification/parentNeeded'],
    ['16 today', bornYearsBefore(16), 'appointment/choosing'],
    ['17', bornYearsBefore(17), 'appointment/choosing'],
  ])('alone, %s on the session date', (_, who, where) => {
    const session = walkIn();
    identify(session, 'alone', who);
    expect(stageOf(session)).toBe(where);
  });

  it('16 or 17 on their own card: the usual médecin-traitant questions, no participation', () => {
    const session = walkIn();
    identify(session, 'alone', bornYearsBefore(17));
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(session.view().screen).toMatchObject({ ageBand: 'under18' });
    session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { cover: { reimbursedPercent: 70, deductionCents: 0, assuranceMaladieCents: 1750 } },
    });
  });
});

describeBackButton(5);
