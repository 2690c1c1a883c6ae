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
      <div className="cost-row">
        <dt>{labels.fee}</dt>
        <dd className="money" data-testid="cost-fee">
          {formatMoney(cost.feeCents, locale)}
        </dd>
      </div>
      <div className="cost-row">
        <dt>{labels.reimbursed}</dt>
        <dd className="money" data-testid="cost-reimbursed">
          {formatPercent(percent, locale)}
        </dd>
      </div>
      <div className="cost-row cost-row-total">
        <dt>{labels.share}</dt>
        <dd className="money" data-testid="cost-share">
          {formatMoney(cost.patientShareCents, locale)}
        </dd>
      </div>
    </dl>
  );
}
