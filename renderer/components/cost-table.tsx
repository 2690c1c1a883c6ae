// The cost of a consultation as a short table: the fee, what the Assurance Maladie pays back (its rate,
// less the participation forfaitaire or franchise), what a complementary insurance may pay, and what is left.
import type { CostInformation, CoverCase } from '../../contract/domain';
import { fill, formatMoney, formatPercent } from '../i18n';
import { useUi } from '../ui-context';

/** Props of CostTable: the cost, and which of its cases to draw (`cost.cover` unless said). */
export interface CostTableProps {
  readonly cost: CostInformation;
  readonly cover?: CoverCase;
  /** The table's test id; `cost-table` unless two cases are drawn side by side. */
  readonly testId?: string;
}

/**
 * Draws one case of the cost: the fee (`cost-fee`), the Assurance Maladie's part (`cost-assurance-maladie`)
 * with its rate and deduction, the complementary insurance's possible part (`cost-complementary`, or the
 * CSS's), and what is left to the patient (`cost-share`).
 */
export function CostTable({ cost, cover = cost.cover, testId = 'cost-table' }: CostTableProps) {
  const { locale, strings } = useUi();
  const s = strings.cost;
  const money = (cents: number): string => formatMoney(cents, locale);
  const deductionName = cost.deduction === null ? '' : s.deductions[cost.deduction];
  const percent = formatPercent(cover.reimbursedPercent, locale);
  const deducted = cover.deductionCents > 0;
  const rate = deducted
    ? fill(s.rateLessDeduction, { percent, amount: money(cover.deductionCents), deduction: deductionName })
    : fill(s.rate, { percent });
  return (
    <dl className="cost-table" data-testid={testId}>
      <CostRow label={s.fee} testId="cost-fee" value={money(cost.feeCents)} />
      <CostRow
        label={s.assuranceMaladie}
        detail={cover.reimbursed ? rate : s.notReimbursed}
        testId="cost-assurance-maladie"
        value={money(cover.assuranceMaladieCents)}
      />
      {cover.complementaryCents > 0 && (
        <CostRow
          label={cost.solidarityCover ? s.solidarity : s.complementary}
          detail={
            cost.solidarityCover
              ? undefined
              : !deducted
                ? s.complementaryDetail
                : fill(s.complementaryNotDeduction, { deduction: deductionName })
          }
          testId="cost-complementary"
          value={money(cover.complementaryCents)}
        />
      )}
      <CostRow
        label={cover.complementaryCents > 0 && !cost.solidarityCover ? s.leftWithoutComplementary : s.left}
        testId="cost-share"
        value={money(
          cost.solidarityCover ? cover.patientShareCents - cover.complementaryCents : cover.patientShareCents,
        )}
        total
      />
    </dl>
  );
}

/** One row of the table: its label (and a line saying how it is counted) and its amount; the total row stands out. */
function CostRow({
  label,
  detail,
  testId,
  value,
  total = false,
}: {
  label: string;
  detail?: string;
  testId: string;
  value: string;
  total?: boolean;
}) {
  return (
    <div className={`cost-row${total ? ' cost-row-total' : ''}`}>
      <dt>
        {label}
        {detail !== undefined && <span className="cost-row-detail">{detail}</span>}
      </dt>
      <dd className="money" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
