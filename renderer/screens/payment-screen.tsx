// Step 9: payment of the patient's share by bank card on the payment terminal.
import type { PaymentScreen as PaymentView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { failureMessage, formatMoney } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the payment stage the session is in; the amount is what is due today (amountDueTodayCents). */
export function PaymentScreen({ screen, act }: StepProps<PaymentView>) {
  const { strings, locale } = useUi();
  const s = strings.payment;
  const amount = (
    <p className="amount">
      <span className="amount-label">{s.amount}</span>{' '}
      <span className="money" data-testid="amount">
        {formatMoney(screen.cost.amountDueTodayCents, locale)}
      </span>
    </p>
  );
  switch (screen.stage) {
    case 'confirm':
      return (
        <ScreenFrame
          screen="payment"
          stage={screen.stage}
          title={s.confirmTitle}
          actions={
            <ActionButton testId="pay" onPress={() => act({ type: 'patient.pay' })}>
              {s.pay}
            </ActionButton>
          }
        >
          {amount}
        </ScreenFrame>
      );
    case 'processing':
      return (
        <ScreenFrame screen="payment" stage={screen.stage} title={s.processingTitle}>
          {amount}
          <Spinner />
          <p className="lead">{s.processingBody}</p>
        </ScreenFrame>
      );
    case 'failed':
      return (
        <ScreenFrame
          screen="payment"
          stage={screen.stage}
          title={s.failedTitle}
          actions={
            <>
              <ActionButton
                testId="payment-help"
                kind="secondary"
                onPress={() => act({ type: 'patient.help' })}
              >
                {s.askHelp}
              </ActionButton>
              <ActionButton testId="retry" onPress={() => act({ type: 'patient.retry' })}>
                {strings.common.retry}
              </ActionButton>
            </>
          }
        >
          {amount}
          <p className="failure" data-testid="failure">
            {failureMessage(strings, screen.failure)}
          </p>
        </ScreenFrame>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown payment stage ${String(unknown)}`);
    }
  }
}
