// @vitest-environment jsdom
// The billing panel as the professional reads it during the call, with the platform played through a
// fake WebSocket: the names, the NIR grouped as on the card, the birth date of a beneficiary, the cover
// in plain words, the warning for a card NIR whose key was wrong; nothing before the patient is taken,
// nothing left once the call ends, and a spoofed name shown cleaned.
import { afterEach, describe, expect, it } from 'vitest';
import { billingDetailsOf, type BillingDetails } from '../../contract/billing';
import type { CarePathAnswers } from '../../contract/cover';
import type { PatientIdentity } from '../../contract/domain';
import type { QueueEntryView } from '../../contract/platform-protocol';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';
import { logIn, openConsole, TEST_NOW, type ConsolePage } from './test-support/console-harness';

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

const WAITING: QueueEntryView = {
  sessionId: 'session-bill',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 60_000,
  locale: 'fr',
};

/** A child on her mother's card (fictitious): a beneficiary with her own NIR. */
const CHILD: PatientIdentity = {
  surname: 'LEFEBVRE',
  firstName: 'Chloé',
  birthDate: '2014-05-09',
  nir: '214057512345610',
  source: 'card',
  holder: false,
};

/** Under 16: no parcours question; ALD yes, CSS "je ne sais pas". */
const CHILD_ANSWERS: CarePathAnswers = {
  hasRegularDoctor: null,
  referredByRegularDoctor: null,
  regularDoctorUnavailable: null,
  exemptedSituation: null,
  longTermCondition: 'yes',
  pregnantSixthMonth: null,
  solidarityCover: 'unknown',
};

/** Takes the patient's call and lets the platform send `identity` with `billing`. */
async function inCall(
  identity: PatientIdentity,
  billing: BillingDetails,
): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const page = await openConsole();
  opened = page;
  const socket = await logIn(page);
  await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [WAITING] }));
  await page.click(`accept-${WAITING.sessionId}`);
  await page.platform(() => {
    socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
    socket.push({
      type: 'call.started',
      sessionId: WAITING.sessionId,
      patient: {
        surname: identity.surname,
        firstName: identity.firstName,
        birthDate: identity.birthDate,
        nir: billing.nir,
        source: identity.source,
      },
      visit: { locale: 'fr', cover: null },
      billing,
      consent: null,
      measurements: [],
    });
  });
  return { page, socket };
}

describe('the billing panel', () => {
  it('gives a beneficiary’s names, NIR grouped for reading, birth date and cover in plain words', async () => {
    const { page } = await inCall(CHILD, billingDetailsOf(CHILD, CHILD_ANSWERS, true));
    expect(page.get('billing-surname').textContent).toBe('LEFEBVRE');
    expect(page.get('billing-first-name').textContent).toBe('Chloé');
    expect(page.get('billing-nir').textContent).toBe('2 14 05 75 123 456 10');
    expect(page.get('billing-birth-date').textContent).toBe('09/05/2014');
    expect(page.get('billing-insured').textContent).toBe(
      'Le patient est ayant droit : il n’est pas l’assuré titulaire de la carte.',
    );
    const cover = page.get('billing-cover').textContent;
    expect(cover).toContain('Parcours de soins : sans objet pour cette consultation');
    expect(cover).toContain('Affection de longue durée (ALD) : Oui');
    expect(cover).toContain('Enceinte de 6 mois ou plus : Non demandé');
    expect(cover).toContain('Complémentaire santé solidaire : Ne sait pas');
    expect(cover).toContain('Mineur : Oui, moins de 18 ans');
    expect(page.query('billing-nir-missing')).toBeNull();
  });

  it('gives no birth date for the insured person, and says the parcours the answers leave', async () => {
    const holder: PatientIdentity = { ...CHILD, firstName: 'Anne', birthDate: '1984-02-17', holder: true };
    const outside: CarePathAnswers = {
      hasRegularDoctor: 'yes',
      referredByRegularDoctor: 'no',
      regularDoctorUnavailable: 'no',
      exemptedSituation: 'no',
      longTermCondition: 'no',
      pregnantSixthMonth: 'no',
      solidarityCover: 'no',
    };
    const { page } = await inCall(holder, billingDetailsOf(holder, outside, false));
    expect(page.query('billing-birth-date')).toBeNull();
    expect(page.get('billing-insured').textContent).toBe(
      'Le patient est l’assuré (titulaire de la carte Vitale).',
    );
    expect(page.get('billing-cover').textContent).toContain('Parcours de soins : hors parcours de soins');
    expect(page.get('billing-cover').textContent).toContain('Mineur : Non');
  });

  it('warns that the card’s NIR failed its key check, and shows no number', async () => {
    const misread: PatientIdentity = { ...CHILD, nir: null, holder: true, cardNirFault: 'invalidKey' };
    const { page } = await inCall(misread, billingDetailsOf(misread, null, false));
    const warning = page.get('billing-nir-missing');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toBe(
      'Le numéro lu sur la carte Vitale est faux (clé de contrôle) : il n’est pas transmis. Demandez-le au patient.',
    );
    expect(page.query('billing-nir')).toBeNull();
  });

  it('says a typed identity has no NIR, and gives the birth date since the cabin cannot say who is insured', async () => {
    const typed: PatientIdentity = { ...CHILD, nir: null, source: 'manual', holder: undefined };
    const { page } = await inCall(typed, billingDetailsOf(typed, null, true));
    expect(page.get('billing-nir-missing').textContent).toBe(
      'Non saisi par le patient : facturez en SESAM sans Vitale.',
    );
    expect(page.get('billing-birth-date').textContent).toBe('09/05/2014');
    expect(page.get('billing-insured').textContent).toBe(
      'La cabine ne sait pas si le patient est l’assuré (titulaire de la carte Vitale).',
    );
  });

  it('shows nothing of it in the waiting room, and nothing once the call has ended', async () => {
    const page = await openConsole();
    opened = page;
    const socket = await logIn(page);
    await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [WAITING] }));
    expect(page.query('billing-info')).toBeNull();
    expect(page.text()).not.toContain('LEFEBVRE');
    page.unmount();
    const { page: inTheCall, socket: again } = await inCall(CHILD, billingDetailsOf(CHILD, null, true));
    expect(inTheCall.get('billing-info')).not.toBeNull();
    await inTheCall.platform(() =>
      again.push({ type: 'call.ended', sessionId: WAITING.sessionId, reason: 'patientLeft' }),
    );
    expect(inTheCall.query('billing-info')).toBeNull();
    expect(inTheCall.text()).not.toContain('214057512345610');
    expect(inTheCall.text()).not.toContain('2 14 05 75 123 456 10');
  });

  it('shows a name cleaned of the characters that would reorder or hide what the screen says', async () => {
    const spoofed = { ...billingDetailsOf(CHILD, null, true), surname: 'LEFE\u202EBVRE\u0007' };
    const { page } = await inCall(CHILD, spoofed);
    expect(page.get('billing-surname').textContent).toBe('LEFEBVRE');
  });
});
