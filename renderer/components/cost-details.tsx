// The cost screen's content: one amount to pay in the cabin, and on the same screen what is paid back
// and by whom; both cases when a "je ne sais pas" leaves the decision to the Assurance Maladie.
import type { CostInformation, CoverCase } from '../../contract/domain';
import type { Strings } from '../../assets/strings/fr';
import { fill, formatMoney } from '../i18n';
import { useUi } from '../ui-context';
import { AmountLine } from './amount-line';
import { CostTable } from './cost-table';

/** Props of CostDetails. */
export interface CostDetailsProps {
  readonly cost: CostInformation;
}

/**
 * Draws the cover (`cost-table`), or the two cases (`cost-case-cover`, `cost-case-otherwise`) under
 * "the Assurance Maladie decides" (`cost-undecided`); then how the payment goes (`cost-payment-note`)
 * and the one amount paid in the cabin (`amount-due-today`).
 */
export function CostDetails({ cost }: CostDetailsProps) {
  const { locale, strings } = useUi();
  const s = strings.cost;
  const { otherwise } = cost;
  return (
    <>
      {otherwise === null ? (
        <CostTable cost={cost} />
      ) : (
        <>
          <p className="lead lead-strong" data-testid="cost-undecided">
            {s.decidedByAssuranceMaladie}
          </p>
          <h2 className="section-title">{otherwise.reimbursed ? s.bestCase : s.ifReimbursed}</h2>
          <CostTable cost={cost} testId="cost-case-cover" />
          <h2 className="section-title">{otherwise.reimbursed ? s.otherCase : s.ifNotReimbursed}</h2>
          <CostTable cost={cost} cover={otherwise} testId="cost-case-otherwise" />
        </>
      )}
      <AmountLine label={s.dueToday} cents={cost.amountDueTodayCents} testId="amount-due-today" />
      <p className="note" data-testid="cost-payment-note">
        {paymentNote(s, cost, otherwise ?? cost.cover, (cents) => formatMoney(cents, locale))}
      </p>
      <p className="note">{s.payByCard}</p>
    </>
  );
}

// How the payment goes in the case paid in the cabin: the whole fee advanced, tiers payant, or nothing back.
function paymentNote(
  s: Strings['cost'],
  cost: CostInformation,
  paid: CoverCase,
  money: (cents: number) => string,
): string {
  if (cost.otherwise !== null && !cost.otherwise.reimbursed) return s.advanceUndecided;
  if (!paid.reimbursed) return s.notReimbursedNote;
  if (!paid.thirdPartyPayment) return s.advance;
  if (cost.solidarityCover && cost.otherwise === null) return s.thirdPartySolidarity;
  // The operator's tiers payant takes the complementary part too (configuration `nothingDue`).
  if (paid.amountDueTodayCents === 0 && paid.complementaryCents > 0) return s.thirdPartyNothingDue;
  const thirdParty = fill(s.thirdParty, { amount: money(paid.amountDueTodayCents) });
  if (paid.deductionCents === 0 || cost.deduction === null) return thirdParty;
  const later = fill(s.deductionLater, {
    amount: money(paid.deductionCents),
    deduction: s.deductions[cost.deduction],
  });
  return `${thirdParty} ${later}`;
}
