// The cabin as the attendant sees it, and their commands: the cabin's state, each peripheral with why
// it is out of the journey, the help call with its step and since when. Never an identity, a
// measurement or a document: nothing here reads the patient's session beyond its existence.
import { useRef, useState } from 'react';
import type { CabinView, PeripheralStatus } from '../../contract/cabin-view';
import type { Locale } from '../../contract/domain';
import {
  ATTENDANT_COMMAND_TYPES,
  OUT_OF_SERVICE_MESSAGE_MAX_LENGTH,
  type AttendantCommand,
  type AttendantCommandType,
  type AttendantPanelCommandType,
  type PaymentAwaitingDecision,
} from '../../contract/staff';
import { ActionButton, type ButtonKind } from '../components/action-button';
import { Form } from '../components/form';
import { Modal } from '../components/modal';
import { TextField } from '../components/text-field';
import { fill, formatMoney, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import type { StaffRun } from './staff-panel';
import { formatClockTime, formatDay, peripheralReason } from './staff-format';

/** How each command's button looks and is found by tests (the commands and their order come from the contract). */
const COMMAND_BUTTONS: Readonly<
  Record<AttendantPanelCommandType, { readonly testId: string; readonly kind: ButtonKind }>
> = {
  'attendant.acknowledgeHelp': { testId: 'attendant-acknowledge-help', kind: 'primary' },
  'attendant.resetSession': { testId: 'attendant-reset-session', kind: 'danger' },
  'attendant.markCleaned': { testId: 'attendant-mark-cleaned', kind: 'secondary' },
  'attendant.setOutOfService': { testId: 'attendant-out-of-service', kind: 'danger' },
  'attendant.returnToService': { testId: 'attendant-return-to-service', kind: 'secondary' },
};

/** The outcome of the last command: done, or a failure with its code. */
type Outcome =
  | { readonly kind: 'done'; readonly command: AttendantCommandType }
  | { readonly kind: 'failed'; readonly code: string };

/** Props of AttendantPanel. */
export interface AttendantPanelProps {
  /** The cabin's view, or null before the first one arrives. */
  readonly view: CabinView | null;
  readonly run: StaffRun;
}

/** The cabin part of the staff panel (`data-screen="attendant"` inside the panel), for both roles. */
export function AttendantPanel({ view, run }: AttendantPanelProps) {
  const { locale, strings } = useUi();
  const s = strings.attendant;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [asking, setAsking] = useState<'reset' | 'outOfService' | null>(null);
  const [message, setMessage] = useState('');
  const sending = useRef(false);
  const yesNo = (value: boolean | undefined): string =>
    value === undefined ? s.unknown : value ? s.yes : s.no;

  const send = (command: AttendantCommand): void => {
    if (sending.current) return;
    sending.current = true;
    setOutcome(null);
    setAsking(null);
    void run(command)
      .then((result) => {
        if (result.ok) setOutcome({ kind: 'done', command: command.type });
        else setOutcome({ kind: 'failed', code: result.error.code });
        if (result.ok && command.type === 'attendant.setOutOfService') setMessage('');
      })
      .finally(() => {
        sending.current = false;
      });
  };

  const press = (type: AttendantPanelCommandType): void => {
    if (type === 'attendant.resetSession') setAsking('reset');
    else if (type === 'attendant.setOutOfService') setAsking('outOfService');
    else send({ type });
  };

  const help = view?.helpCall ?? null;
  return (
    <div className="attendant-panel" data-screen="attendant">
      <h2 className="section-title">{s.stateTitle}</h2>
      <dl className="state-list">
        <StateRow label={s.phase} testId="attendant-phase">
          {view === null ? s.unknown : s.phases[view.phase]}
        </StateRow>
        <StateRow label={s.needsCleaning} testId="attendant-needs-cleaning" alert={view?.needsCleaning}>
          {yesNo(view?.needsCleaning)}
        </StateRow>
        {view?.outOfServiceReason != null && (
          <StateRow label={s.outOfServiceReason} testId="attendant-out-of-service-reason" alert>
            {reasonText(s, view.outOfServiceReason)}
          </StateRow>
        )}
        {view?.outOfServiceMessage != null && (
          <StateRow label={s.outOfServiceMessage} testId="attendant-out-of-service-message">
            {view.outOfServiceMessage}
          </StateRow>
        )}
      </dl>
      <h2 className="section-title">{s.helpTitle}</h2>
      {help === null ? (
        <p className="lead" data-testid="attendant-no-help">
          {s.noHelp}
        </p>
      ) : (
        <dl className="state-list">
          <StateRow label={s.attendantCalled} testId="attendant-called" alert>
            {s.yes}
          </StateRow>
          <StateRow label={s.helpStep} testId="attendant-help-step">
            {s.steps[help.step]}
          </StateRow>
          <StateRow label={s.helpSince} testId="attendant-help-since">
            {formatClockTime(help.since, locale)}
          </StateRow>
          <StateRow label={s.helpTold} testId="attendant-help-told">
            {help.told.map((who) => strings.attendantPage.audiences[who]).join(', ')}
          </StateRow>
        </dl>
      )}
      <PaymentsAwaiting
        payments={view?.paymentsAwaitingDecision ?? []}
        decide={(transactionId, paid) => send({ type: 'attendant.settlePayment', transactionId, paid })}
      />
      <h2 className="section-title">{s.commandsTitle}</h2>
      <div className="choice-group attendant-commands">
        {ATTENDANT_COMMAND_TYPES.filter((type) => offered(type, view)).map((type) => (
          <ActionButton
            key={type}
            testId={COMMAND_BUTTONS[type].testId}
            kind={COMMAND_BUTTONS[type].kind}
            onPress={() => press(type)}
          >
            {s.commands[type]}
          </ActionButton>
        ))}
      </div>
      {asking === 'outOfService' && (
        <div className="staff-form" data-testid="attendant-out-of-service-form">
          <h3 className="section-title">{s.outOfServiceTitle}</h3>
          <Form onSubmit={() => send({ type: 'attendant.setOutOfService', message: message.trim() })}>
            <TextField
              name="attendant-message"
              testId="attendant-message"
              label={s.messageLabel}
              hint={s.messageHint}
              autoFocus
              layout="text"
              maxLength={OUT_OF_SERVICE_MESSAGE_MAX_LENGTH}
              value={message}
              onChange={setMessage}
              invalid={false}
            />
          </Form>
          <div className="choice-group">
            <ActionButton
              testId="attendant-out-of-service-cancel"
              kind="secondary"
              onPress={() => setAsking(null)}
            >
              {s.outOfServiceCancel}
            </ActionButton>
            <ActionButton
              testId="attendant-out-of-service-confirm"
              kind="danger"
              onPress={() => send({ type: 'attendant.setOutOfService', message: message.trim() })}
            >
              {s.outOfServiceConfirm}
            </ActionButton>
          </div>
        </div>
      )}
      {outcome !== null && (
        <p
          className={outcome.kind === 'done' ? 'confirmation' : 'failure'}
          role="status"
          data-testid="attendant-result"
        >
          {outcome.kind === 'done'
            ? fill(s.done, { command: s.commands[outcome.command] })
            : failureText(strings, outcome.code)}
        </p>
      )}
      <h2 className="section-title">{s.peripheralsTitle}</h2>
      <dl className="state-list">
        {(view?.peripherals ?? []).map((status) => (
          <StateRow
            key={status.peripheral}
            label={s.peripherals[status.peripheral]}
            testId={`attendant-peripheral-${status.peripheral}`}
            state={status.state}
            alert={status.state !== 'ok' || status.notice !== undefined}
          >
            {peripheralText(s, status, locale)}
          </StateRow>
        ))}
      </dl>
      {asking === 'reset' && (
        <Modal testId="attendant-reset-dialog" title={s.resetConfirmTitle}>
          <p className="lead">{s.resetConfirmBody}</p>
          <div className="modal-actions">
            <ActionButton testId="attendant-reset-cancel" kind="secondary" onPress={() => setAsking(null)}>
              {s.resetCancel}
            </ActionButton>
            <ActionButton
              testId="attendant-reset-confirm"
              kind="danger"
              onPress={() => send({ type: 'attendant.resetSession' })}
            >
              {s.resetConfirm}
            </ActionButton>
          </div>
        </Modal>
      )}
    </div>
  );
}

/**
 * The card payments waiting for the attendant's decision, each with its amount, why it waits and since
 * when, and "Payé" / "Pas payé" (`attendant-payment-paid-<id>`, `attendant-payment-not-paid-<id>`).
 */
function PaymentsAwaiting({
  payments,
  decide,
}: {
  payments: readonly PaymentAwaitingDecision[];
  decide: (transactionId: string, paid: boolean) => void;
}) {
  const { locale, strings } = useUi();
  const s = strings.attendant;
  return (
    <>
      <h2 className="section-title">{s.paymentsTitle}</h2>
      {payments.length === 0 ? (
        <p className="lead" data-testid="attendant-no-payments">
          {s.noPayments}
        </p>
      ) : (
        payments.map((payment) => (
          <div key={payment.transactionId} className="staff-form" data-testid="attendant-payment">
            <dl className="state-list">
              <StateRow
                label={s.paymentReasons[payment.reason]}
                testId={`attendant-payment-${payment.transactionId}`}
                state={payment.reason}
                alert
              >
                {fill(s.paymentLine, {
                  amount: formatMoney(payment.amountCents, locale),
                  time: formatClockTime(payment.since, locale),
                })}
              </StateRow>
            </dl>
            <div className="choice-group">
              <ActionButton
                testId={`attendant-payment-paid-${payment.transactionId}`}
                kind="secondary"
                onPress={() => decide(payment.transactionId, true)}
              >
                {s.paymentPaid}
              </ActionButton>
              <ActionButton
                testId={`attendant-payment-not-paid-${payment.transactionId}`}
                kind="secondary"
                onPress={() => decide(payment.transactionId, false)}
              >
                {s.paymentNotPaid}
              </ActionButton>
            </div>
          </div>
        ))
      )}
    </>
  );
}

/** One line of a state list; `alert` marks what needs the staff, `state` becomes `data-state`. */
export function StateRow({
  label,
  testId,
  state,
  alert = false,
  children,
}: {
  label: string;
  testId: string;
  state?: string;
  alert?: boolean;
  children: string;
}) {
  return (
    <div className={`state-row${alert ? ' state-row-alert' : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-state={state}>
        {children}
      </dd>
    </div>
  );
}

/** A peripheral's state, why it is out of the journey, its notice and its due date, in plain words. */
export function peripheralText(
  s: Strings['attendant'],
  { state, reason, notice, dueAt }: PeripheralStatus,
  locale: Locale,
): string {
  const parts = [s.states[state]];
  if (reason !== undefined) parts.push(peripheralReason(s, reason));
  const date = dueAt === undefined ? null : formatDay(dueAt, locale);
  if (notice === 'lowPaper') parts.push(s.notices.lowPaper);
  else if (notice === 'calibrationDueSoon')
    parts.push(fill(s.notices.calibrationDueSoon, { date: date ?? '' }));
  else if (date !== null) parts.push(fill(s.dueAt, { date }));
  return parts.join(' · ');
}

/** The out-of-service reason in plain words; a code the strings do not know is shown for the support service. */
function reasonText(s: Strings['attendant'], reason: string): string {
  const known: Readonly<Record<string, string>> = s.outOfServiceReasons;
  return Object.hasOwn(known, reason) ? (known[reason] ?? reason) : fill(s.otherReason, { code: reason });
}

/** A refused staff command in plain words: the role's limits, a missing function, or the code for support. */
export function failureText(strings: Strings, code: string): string {
  const known: Readonly<Record<string, string>> = strings.technician.failures;
  return Object.hasOwn(known, code) ? (known[code] ?? code) : fill(strings.attendant.failed, { code });
}

/**
 * Whether the panel offers a command in the cabin's state: answering a help call only while one waits,
 * a reset only during a session, the cleaning while it waits for it, out of service from the welcome
 * screen, and back when out of service. The commands come first, the peripherals under them.
 */
function offered(type: AttendantPanelCommandType, view: CabinView | null): boolean {
  if (view === null) return false;
  switch (type) {
    case 'attendant.acknowledgeHelp':
      return view.helpCall !== null;
    case 'attendant.resetSession':
      return view.phase === 'inSession';
    case 'attendant.markCleaned':
      return view.needsCleaning;
    case 'attendant.setOutOfService':
      return view.phase === 'ready';
    case 'attendant.returnToService':
      return view.phase === 'outOfService';
  }
}
