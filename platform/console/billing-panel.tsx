// What the professional bills with (SESAM sans Vitale, rights checked with ADRi): the surname, first
// name and NIR, the birth date of a patient who is not (or may not be) the insured person, and the cover
// answers in plain words. A card whose NIR failed its key check is said plainly: the number is not sent.
// Everything here came from the cabin through the platform's validator, which cleaned it (peer-text.ts).
import type { Answer } from '../../contract/cover';
import type { BillingDetails, CarePathStatus, InsuredStatus } from '../../contract/billing';
import { COVER_ANSWER_LABELS, formatBirthDate, nirForBilling } from './french-format';

/** Props of the billing panel. */
export interface BillingPanelProps {
  /** null until the platform sent it (the waiting room never shows it). */
  readonly billing: BillingDetails | null;
}

/** Who the patient is to the Assurance Maladie, in plain words. */
export const INSURED_LABELS: Readonly<Record<InsuredStatus, string>> = {
  insured: 'Le patient est l’assuré (titulaire de la carte Vitale).',
  beneficiary: 'Le patient est ayant droit : il n’est pas l’assuré titulaire de la carte.',
  notSaid: 'La cabine ne sait pas si le patient est l’assuré (titulaire de la carte Vitale).',
};

/** The parcours de soins as the patient's answers leave it, in plain words. */
export const CARE_PATH_LABELS: Readonly<Record<CarePathStatus, string>> = {
  followed: 'respecté (ou situation qui en dispense)',
  outside: 'hors parcours de soins',
  unsure: 'à vérifier : le patient ne sait pas',
  notAsked: 'sans objet pour cette consultation',
};

/** The sentence in place of the NIR when none is sent, by why. */
function missingNirText(billing: BillingDetails): string {
  if (billing.nirStatus === 'keyWrong') {
    return 'Le numéro lu sur la carte Vitale est faux (clé de contrôle) : il n’est pas transmis. Demandez-le au patient.';
  }
  return billing.source === 'card'
    ? 'Absent de la carte Vitale : demandez-le au patient.'
    : 'Non saisi par le patient : facturez en SESAM sans Vitale.';
}

function answerText(answer: Answer | null): string {
  return answer === null ? 'Non demandé' : COVER_ANSWER_LABELS[answer];
}

/** The panel "Facturation" of the call screen. */
export function BillingPanel({ billing }: BillingPanelProps) {
  return (
    <section className="panel" data-testid="billing-info" aria-labelledby="billing-title">
      <h3 id="billing-title">Facturation</h3>
      {billing === null ? (
        <p className="muted">La cabine n’a pas encore transmis les informations de facturation.</p>
      ) : (
        <>
          <dl className="cover-answers">
            <div className="cover-answer">
              <dt>Nom</dt>
              <dd data-testid="billing-surname">{billing.surname}</dd>
            </div>
            <div className="cover-answer">
              <dt>Prénom</dt>
              <dd data-testid="billing-first-name">{billing.firstName}</dd>
            </div>
            <div className="cover-answer">
              <dt>N° de sécurité sociale</dt>
              {billing.nir === null ? (
                <dd
                  data-testid="billing-nir-missing"
                  className={billing.nirStatus === 'keyWrong' ? 'alert alert-warning' : 'muted'}
                  role={billing.nirStatus === 'keyWrong' ? 'alert' : undefined}
                >
                  {missingNirText(billing)}
                </dd>
              ) : (
                <dd data-testid="billing-nir">{nirForBilling(billing.nir)}</dd>
              )}
            </div>
            {billing.birthDate !== null && (
              <div className="cover-answer">
                <dt>Date de naissance</dt>
                <dd data-testid="billing-birth-date">{formatBirthDate(billing.birthDate)}</dd>
              </div>
            )}
          </dl>
          <p data-testid="billing-insured">{INSURED_LABELS[billing.insured]}</p>
          <ul className="plain" data-testid="billing-cover">
            <li>Parcours de soins : {CARE_PATH_LABELS[billing.cover.carePath]}</li>
            <li>Affection de longue durée (ALD) : {answerText(billing.cover.longTermCondition)}</li>
            <li>Enceinte de 6 mois ou plus : {answerText(billing.cover.maternity)}</li>
            <li>Complémentaire santé solidaire : {answerText(billing.cover.solidarityCover)}</li>
            <li>Mineur : {billing.cover.minor ? 'Oui, moins de 18 ans' : 'Non'}</li>
          </ul>
          <p className="muted">
            Vérifiez les droits du patient avec ADRi. Ces informations sont effacées à la fin de l’appel.
          </p>
        </>
      )}
    </section>
  );
}
