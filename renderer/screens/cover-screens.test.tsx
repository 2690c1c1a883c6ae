// @vitest-environment jsdom
// The cost screen (one amount to pay, who pays back what, both cases when the Assurance Maladie decides),
// the consent (what the patient agrees to, a refusal asked again) and a child without a parent.
import { describe, expect, it } from 'vitest';
import type { CostInformation, CoverCase } from '../../contract/domain';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_COST, SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';

const { open } = openViews();

const USUAL: CoverCase = SAMPLE_COST.cover;
const NOT_REIMBURSED: CoverCase = {
  reimbursed: false,
  reimbursedPercent: 0,
  deductionCents: 0,
  assuranceMaladieCents: 0,
  complementaryCents: 0,
  patientShareCents: 2500,
  thirdPartyPayment: false,
  amountDueTodayCents: 2500,
};

const costScreen = (cost: CostInformation, locale: 'fr' | 'en' = 'fr') =>
  sampleSessionView({ ...SAMPLE_SCREENS.appointment.cost, cost }, { locale });

describe('the cost screen', () => {
  it('says one amount to pay in the cabin, and what the Assurance Maladie and a mutuelle pay back', async () => {
    const { app } = await open(costScreen(SAMPLE_COST));
    expect(app.get('amount-due-today').textContent).toBe('25,00\u00a0€');
    expect(app.get('cost-fee').textContent).toBe('25,00\u00a0€');
    expect(app.get('cost-assurance-maladie').textContent).toBe('15,50\u00a0€');
    expect(app.text()).toContain('70\u00a0% du prix, moins 2,00\u00a0€ de participation forfaitaire.');
    expect(app.get('cost-complementary').textContent).toBe('7,50\u00a0€');
    expect(app.text()).toContain('Elle ne rembourse pas la participation forfaitaire.');
    expect(app.get('cost-share').textContent).toBe('9,50\u00a0€');
    expect(app.get('cost-payment-note').textContent).toBe(
      "Vous payez le prix entier dans la cabine. L'Assurance Maladie vous rembourse ensuite sa part.",
    );
    expect(app.query('cost-undecided')).toBeNull();
  });

  it('not reimbursed: says so, and the whole fee is left to pay', async () => {
    const { app } = await open(
      costScreen({ ...SAMPLE_COST, cover: NOT_REIMBURSED, amountDueTodayCents: 2500 }),
    );
    expect(app.get('cost-assurance-maladie').textContent).toBe('0,00\u00a0€');
    expect(app.query('cost-complementary')).toBeNull();
    expect(app.get('cost-share').textContent).toBe('25,00\u00a0€');
    expect(app.get('cost-payment-note').textContent).toBe(
      "Cette consultation n'est pas remboursée par l'Assurance Maladie.",
    );
  });

  it('"je ne sais pas": the Assurance Maladie decides, both cases shown, still one amount to pay', async () => {
    const { app } = await open(costScreen({ ...SAMPLE_COST, otherwise: NOT_REIMBURSED }));
    expect(app.get('cost-undecided').textContent).toContain(
      "Le remboursement sera décidé par l'Assurance Maladie.",
    );
    expect(app.text()).toContain('Si elle rembourse');
    expect(app.text()).toContain('Si elle ne rembourse pas');
    const cover = app.get('cost-case-cover');
    const otherwise = app.get('cost-case-otherwise');
    expect(cover.querySelector('[data-testid="cost-assurance-maladie"]')?.textContent).toBe('15,50\u00a0€');
    expect(otherwise.querySelector('[data-testid="cost-assurance-maladie"]')?.textContent).toBe(
      '0,00\u00a0€',
    );
    expect(app.container.querySelectorAll('[data-testid="amount-due-today"]')).toHaveLength(1);
    expect(app.get('amount-due-today').textContent).toBe('25,00\u00a0€');
    expect(app.get('cost-payment-note').textContent).toContain("Si l'Assurance Maladie rembourse");
  });

  it('ALD with tiers payant: nothing to pay now, the 2 € kept back later', async () => {
    const ald: CoverCase = {
      ...USUAL,
      reimbursedPercent: 100,
      assuranceMaladieCents: 2300,
      complementaryCents: 0,
      patientShareCents: 200,
      thirdPartyPayment: true,
      amountDueTodayCents: 0,
    };
    const { app } = await open(costScreen({ ...SAMPLE_COST, cover: ald, amountDueTodayCents: 0 }));
    expect(app.get('amount-due-today').textContent).toBe('0,00\u00a0€');
    expect(app.get('cost-assurance-maladie').textContent).toBe('23,00\u00a0€');
    expect(app.get('cost-payment-note').textContent).toBe(
      "Tiers payant\u00a0: vous payez seulement 0,00\u00a0€. L'Assurance Maladie paie directement sa part. La participation forfaitaire de 2,00\u00a0€ sera retenue sur un prochain remboursement.",
    );
  });

  it("the operator's tiers payant takes the complementary part too: nothing to pay in the cabin", async () => {
    const nothingDue: CoverCase = { ...USUAL, thirdPartyPayment: true, amountDueTodayCents: 0 };
    const { app } = await open(costScreen({ ...SAMPLE_COST, cover: nothingDue, amountDueTodayCents: 0 }));
    expect(app.get('amount-due-today').textContent).toBe('0,00\u00a0€');
    expect(app.get('cost-payment-note').textContent).toBe(
      "Tiers payant\u00a0: vous n'avez rien à payer dans la cabine. L'Assurance Maladie et votre complémentaire santé paient directement le professionnel.",
    );
  });

  it("the operator's tiers payant asks only the complementary part", async () => {
    const complementary: CoverCase = { ...USUAL, thirdPartyPayment: true, amountDueTodayCents: 750 };
    const { app } = await open(
      costScreen({ ...SAMPLE_COST, cover: complementary, amountDueTodayCents: 750 }),
    );
    expect(app.get('amount-due-today').textContent).toBe('7,50\u00a0€');
    expect(app.get('cost-payment-note').textContent).toContain('vous payez seulement 7,50\u00a0€');
  });

  it('CSS: the Complémentaire santé solidaire pays the rest, nothing to pay', async () => {
    const css: CoverCase = {
      ...USUAL,
      deductionCents: 0,
      assuranceMaladieCents: 1750,
      patientShareCents: 750,
      thirdPartyPayment: true,
      amountDueTodayCents: 0,
    };
    const { app } = await open(
      costScreen({ ...SAMPLE_COST, cover: css, solidarityCover: true, amountDueTodayCents: 0 }),
    );
    expect(app.text()).toContain('Payé par la Complémentaire santé solidaire');
    expect(app.get('cost-complementary').textContent).toBe('7,50\u00a0€');
    expect(app.get('cost-share').textContent).toBe('0,00\u00a0€');
    expect(app.get('cost-payment-note').textContent).toContain("vous n'avez rien à payer");
  });

  it('a nurse: the franchise médicale, in English', async () => {
    const nurse: CostInformation = {
      profession: 'nurse',
      feeCents: 1000,
      deduction: 'franchiseMedicale',
      cover: {
        ...USUAL,
        reimbursedPercent: 60,
        deductionCents: 100,
        assuranceMaladieCents: 500,
        complementaryCents: 400,
        patientShareCents: 500,
        amountDueTodayCents: 1000,
      },
      otherwise: null,
      solidarityCover: false,
      amountDueTodayCents: 1000,
    };
    const { app } = await open(costScreen(nurse, 'en'));
    expect(app.text()).toContain('60% of the price, less €1.00 of medical deductible.');
    expect(app.get('amount-due-today').textContent).toBe('€10.00');
  });
});

describe('the consent', () => {
  it('says what the patient agrees to, and offers a parent or guardian among who is present', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    const terms = app.get('consent-terms').textContent ?? '';
    expect(terms).toContain('par vidéo');
    expect(terms).toContain("à personne d'autre");
    expect(terms).toContain('La cabine ne garde rien sur vous après la séance.');
    expect(terms).toContain('10 ans');
    // What the professional receives to bill, said before the patient agrees.
    expect(app.get('consent-billing').textContent).toBe(
      'Pour facturer la consultation, il reçoit aussi votre nom, votre prénom, votre numéro de sécurité sociale et, si besoin, votre date de naissance.',
    );
    expect(app.get('presence-parent').textContent).toBe('Un parent ou un tuteur');
    expect(app.get('presence-relative').textContent).toBe('Un autre proche');
  });

  it('sends the presence chosen: a parent', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.asking));
    await app.click('presence-parent');
    await app.click('consent-accept');
    expect(transport.actions()).toEqual([
      { type: 'patient.consent', presence: 'parent', attendantStays: false },
    ]);
  });

  it('asks a refusal again, saying the patient can still see a doctor in person', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.consent.confirmingRefusal));
    expect(app.text()).toContain('Voulez-vous vraiment refuser\u00a0?');
    expect(app.get('refuse-advice').textContent).toContain(
      'Vous pouvez toujours consulter un médecin en personne',
    );
    await app.click('refuse-cancel');
    await app.click('refuse-confirm');
    expect(transport.actions()).toEqual([{ type: 'patient.back' }, { type: 'patient.declineConsent' }]);
  });
});

describe('a child under 16 without a parent', () => {
  it('explains why, says the attendant was called, and goes on once a parent is there', async () => {
    const { app, transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.identification.parentNeeded, { helpRequested: true }),
    );
    expect(app.text()).toContain('Un enfant de moins de 16 ans consulte avec un parent ou un tuteur.');
    expect(app.get('parent-needed-called').textContent).toBe("Nous avons prévenu la personne de l'accueil.");
    await app.click('parent-present');
    expect(transport.actions()).toEqual([{ type: 'patient.confirmParentPresent' }]);
  });

  it('"Partir" asks to stop, as the header\'s button does', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.identification.parentNeeded));
    await app.click('parent-needed-leave');
    expect(app.text()).toContain('Voulez-vous arrêter\u00a0?');
    expect(transport.actions()).toEqual([]);
  });
});
