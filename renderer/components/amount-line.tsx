// One sum the patient has to pay, said large: its label, then the amount in the screen's language.
import { formatMoney } from '../i18n';
import { useUi } from '../ui-context';

/** Props of AmountLine; `testId` is the amount's (`amount`, `amount-due-today`). */
export interface AmountLineProps {
  readonly label: string;
  readonly cents: number;
  readonly testId: string;
}

/** Draws "label amount" (`25,00 €` in French, `€25.00` in English) as an `amount` paragraph. */
export function AmountLine({ label, cents, testId }: AmountLineProps) {
  const { locale } = useUi();
  return (
    <p className="amount">
      <span className="amount-label">{label}</span>{' '}
      <span className="money" data-testid={testId}>
        {formatMoney(cents, locale)}
      </span>
    </p>
  );
}
