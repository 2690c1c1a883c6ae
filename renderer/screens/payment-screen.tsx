// Step 9: payment of the patient's share by bank card on the payment terminal.
import type { PaymentScreen as PaymentView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { AmountLine } from '../components/amount-line';
import { FailureScreen } from '../components/failure-screen';
import { ScreenFrame } from '../components/screen-frame';
import { WaitingScreen } from '../components/waiting-screen';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/**
 * Draws the payment stage the session is in; the amount is the one the patient accepted on the cost
 * screen (`amountCents`). A failure says what happened and offers to try again (`retry`), to pay at the
 * counter (`pay-at-counter`, which ends the step and tells the attendant), or to call for help.
 */
export function PaymentScreen({ screen, act, send }: StepProps<PaymentView>) {
  const { strings } = useUi();
  const s = strings.payment;
  const amount = <AmountLine label={s.amount} cents={screen.amountCents} testId="amount" />;
  switch (screen.stage) {
    case 'confirm':
      return (
        <ScreenFrame
          screen={screen}
          title={s.confirmTitle}
          actions={
            <ActionButton testId="pay" onPress={send('patient.pay')}>
              {s.pay}
            </ActionButton>
          }
        >
          {amount}
        </ScreenFrame>
      );
    case 'processing':
      return (
        <WaitingScreen screen={screen} title={s.processingTitle} before={amount} lead={s.processingBody} />
      );
    case 'failed': {
      // While the attendant has to check the terminal's journal, no card payment can start: paying at
      // the counter is the way forward, and "Réessayer" is not offered.
      const canRetry = screen.failure !== 'payment.awaitingAttendant';
      return (
        <FailureScreen
          view={screen}
          act={act}
          title={s.failedTitle}
          canRetry={canRetry}
          alternative={
            <>
              <ActionButton testId="payment-help" kind="secondary" onPress={send('patient.help')}>
                {s.askHelp}
              </ActionButton>
              <ActionButton
                testId="pay-at-counter"
                kind={canRetry ? 'secondary' : 'primary'}
                onPress={send('patient.payAtCounter')}
              >
                {s.payAtCounter}
              </ActionButton>
            </>
          }
          before={amount}
        />
      );
    }
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown payment stage ${String(unknown)}`);
    }
  }
}
