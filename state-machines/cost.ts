// What the consultation costs the patient, from the profession and the care-path answers.
// Facts (PRODUCT.md): téléconsultation 25 € (NGAP TC/TCG), reimbursed 70 %, 100 % for ALD and
// maternity; outside the parcours de soins and outside the listed exemptions it is not reimbursed.
import type { CarePathAnswers, CostInformation, Profession } from '../contract';
import { isTeleconsultation } from '../contract';

/** Fee and usual cover of one kind of act; the operator's configuration may replace the defaults. */
export interface Tariff {
  readonly feeCents: number;
  readonly reimbursedPercent: number;
}

/** Tariffs by profession: téléconsultation from PRODUCT.md; télésoin acts at the profession's usual rate. */
export type TariffTable = { readonly [P in Profession]: Tariff };

/** The default tariffs; télésoin values are placeholders that each operator sets in the cabin configuration. */
export const DEFAULT_TARIFFS: TariffTable = {
  doctor: { feeCents: 2500, reimbursedPercent: 70 },
  midwife: { feeCents: 2500, reimbursedPercent: 70 },
  dentist: { feeCents: 2500, reimbursedPercent: 70 },
  pharmacist: { feeCents: 1000, reimbursedPercent: 70 },
  nurse: { feeCents: 1000, reimbursedPercent: 60 },
  physiotherapist: { feeCents: 1650, reimbursedPercent: 60 },
  speechTherapist: { feeCents: 2000, reimbursedPercent: 60 },
};

/** The cost shown on the information screen, before any answer: a reimbursed doctor's téléconsultation. */
export function standardCost(tariffs: TariffTable): CostInformation {
  return costOf(tariffs.doctor, true, false);
}

/** The cost of this consultation for this patient; télésoin is reimbursed without care-path conditions. */
export function costFor(
  tariffs: TariffTable,
  profession: Profession,
  answers: CarePathAnswers | null,
): CostInformation {
  const tariff = tariffs[profession];
  if (!isTeleconsultation(profession) || answers === null) return costOf(tariff, true, false);
  const reimbursed = answers.fullCover || answers.referredOrNoRegularDoctor || answers.exemptedCase;
  return costOf(
    answers.fullCover ? { ...tariff, reimbursedPercent: 100 } : tariff,
    reimbursed,
    answers.fullCover,
  );
}

function costOf(tariff: Tariff, reimbursed: boolean, thirdPartyPayment: boolean): CostInformation {
  const reimbursedPercent = reimbursed ? tariff.reimbursedPercent : 0;
  const patientShareCents = Math.round((tariff.feeCents * (100 - reimbursedPercent)) / 100);
  return {
    feeCents: tariff.feeCents,
    reimbursedPercent,
    patientShareCents,
    reimbursed,
    thirdPartyPayment,
    // Without tiers payant the patient advances the whole fee and is reimbursed later.
    amountDueTodayCents: thirdPartyPayment ? patientShareCents : tariff.feeCents,
  };
}
