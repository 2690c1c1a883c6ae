// The cover answers and the cost the patient accepted, as the professional who takes them reads them:
// the session's own answers and cost turned into the protocol's opaque list (a code, the question in
// French as the cabin asked it, yes / no / don't know) and figures. The one place that knows the shape
// of the session's care-path answers on the way to the platform.
import type { CarePathAnswers, CostInformation, CoverAnswer, CoverSummary } from '../../contract';
import { fr } from '../../assets/strings/fr';

/** The questions in the order the cabin asks them; the console lists them in this order. */
const QUESTIONS: readonly (keyof CarePathAnswers)[] = [
  'referredOrNoRegularDoctor',
  'exemptedCase',
  'fullCover',
];

/**
 * What the professional is told of the patient's cover: the questions answered and the cost shown, or
 * null when the cabin showed no cost (nothing was asked either).
 */
export function coverSummaryOf(
  carePath: CarePathAnswers | null,
  cost: CostInformation | null,
): CoverSummary | null {
  if (cost === null) return null;
  const answers: CoverAnswer[] =
    carePath === null
      ? []
      : QUESTIONS.map((question) => ({
          question,
          label: fr.appointment.carePath[question].question,
          answer: carePath[question] ? 'yes' : 'no',
        }));
  return {
    answers,
    feeCents: cost.feeCents,
    reimbursedPercent: cost.reimbursedPercent,
    amountDueCents: cost.amountDueTodayCents,
    thirdPartyPayment: cost.thirdPartyPayment,
  };
}
