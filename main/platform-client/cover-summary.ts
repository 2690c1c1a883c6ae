// The cover answers and the cost the patient accepted, as the professional who takes them reads them:
// the session's own answers and cost turned into the protocol's opaque list (a code, the question in
// French as the cabin asked it, yes / no / don't know) and figures. The one place that knows the shape
// of the session's care-path answers on the way to the platform.
import type { CarePathAnswers, CostInformation, CoverAnswer, CoverSummary } from '../../contract';
import { CARE_PATH_QUESTIONS } from '../../contract';
import { fr } from '../../assets/strings/fr';

/**
 * What the professional is told of the patient's cover: the questions asked (in the order the cabin
 * asks them; a question not asked is left out) and the cost shown, or null when the cabin showed no
 * cost (nothing was asked either). When a "je ne sais pas" left the decision to the Assurance
 * Maladie, the figures are those of the case the patient paid for (the less favourable one).
 */
export function coverSummaryOf(
  carePath: CarePathAnswers | null,
  cost: CostInformation | null,
): CoverSummary | null {
  if (cost === null) return null;
  const answers: CoverAnswer[] = [];
  for (const question of CARE_PATH_QUESTIONS) {
    const answer = carePath?.[question] ?? null;
    if (answer !== null) {
      answers.push({ question, label: fr.appointment.carePath[question].question, answer });
    }
  }
  const paidCase = cost.otherwise ?? cost.cover;
  return {
    answers,
    feeCents: cost.feeCents,
    reimbursedPercent: paidCase.reimbursedPercent,
    amountDueCents: cost.amountDueTodayCents,
    thirdPartyPayment: paidCase.thirdPartyPayment,
  };
}
