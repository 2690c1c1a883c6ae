// The cost of a consultation as a short table: fee, reimbursed share, and what is left to pay.
import type { CostInformation } from '../../contract/domain';
import { formatMoney, formatPercent } from '../i18n';
import { useUi } from '../ui-context';

/** Labels of the three rows; each screen words them its own way. */
export interface CostLabels {
  readonly fee: string;
  readonly reimbursed: string;
  readonly share: string;
}

/** Props of CostTable. */
export interface CostTableProps {
  readonly cost: CostInformation;
  readonly labels: CostLabels;
}

/** Draws the fee, the reimbursed percent (0 % when not reimbursed) and the patient's share. */
export function CostTable({ cost, labels }: CostTableProps) {
  const { locale } = useUi();
  const percent = cost.reimbursed ? cost.reimbursedPercent : 0;
  return (
    <dl className="cost-table" data-testid="cost-table">
      <CostRow label={labels.fee} testId="cost-fee" value={formatMoney(cost.feeCents, locale)} />
      <CostRow label={labels.reimbursed} testId="cost-reimbursed" value={formatPercent(percent, locale)} />
      <CostRow
        label={labels.share}
        testId="cost-share"
        value={formatMoney(cost.patientShareCents, locale)}
        total
      />
    </dl>
  );
}

/** One row of the table: its label and its amount; the total row stands out. */
function CostRow({
  label,
  testId,
  value,
  total = false,
}: {
  label: string;
  testId: string;
  value: string;
  total?: boolean;
}) {
  return (
    <div className={`cost-row${total ? ' cost-row-total' : ''}`}>
      <dt>{label}</dt>
      <dd className="money" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
