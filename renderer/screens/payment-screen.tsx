// Step 9: payment of the patient's share by bank card on the payment terminal.
import type { PaymentScreen as PaymentView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { FailureScreen } from '../components/failure-screen';
import { ScreenFrame } from '../components/screen-frame';
import { WaitingScreen } from '../components/waiting-screen';
import { formatMoney } from '../i18n';
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
          screen={screen}
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
        <WaitingScreen screen={screen} title={s.processingTitle} before={amount}>
          <p className="lead">{s.processingBody}</p>
        </WaitingScreen>
      );
    case 'failed':
      return (
        <FailureScreen
          view={screen}
          act={act}
          title={s.failedTitle}
          alternative={
            <ActionButton
              testId="payment-help"
              kind="secondary"
              onPress={() => act({ type: 'patient.help' })}
            >
              {s.askHelp}
            </ActionButton>
          }
          before={amount}
        />
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown payment stage ${String(unknown)}`);
    }
  }
}
