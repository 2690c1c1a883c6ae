// The attendant's panel: the cabin's state at a glance and the attendant commands, behind the staff code.
// It shows nothing of a patient (never the session's screen), and the code lives only while it is open.
import { useRef, useState } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import type { CabinView } from '../../contract/cabin-view';
import { ATTENDANT_CODE_MAX_LENGTH, type Locale } from '../../contract/domain';
import { ATTENDANT_COMMAND_TYPES, type AttendantCommandType } from '../../contract/patient-action';
import { ActionButton, type ButtonKind } from '../components/action-button';
import { LanguageButton } from '../components/language-button';
import { TextField } from '../components/text-field';
import { fill, t, type Strings } from '../i18n';
import { UiContext, useUi } from '../ui-context';

type CommandType = AttendantCommandType;

/** How each command's button looks and is found by tests (the commands and their order come from the contract). */
const COMMAND_BUTTONS: Readonly<Record<CommandType, { readonly testId: string; readonly kind: ButtonKind }>> =
  {
    'attendant.acknowledgeHelp': { testId: 'attendant-acknowledge-help', kind: 'primary' },
    'attendant.resetSession': { testId: 'attendant-reset-session', kind: 'danger' },
    'attendant.markCleaned': { testId: 'attendant-mark-cleaned', kind: 'secondary' },
    'attendant.setOutOfService': { testId: 'attendant-out-of-service', kind: 'danger' },
    'attendant.returnToService': { testId: 'attendant-return-to-service', kind: 'secondary' },
  };

/** The outcome of the last command: done, refused code, or another failure with its code. */
type Outcome =
  | { readonly kind: 'done'; readonly command: CommandType }
  | { readonly kind: 'badCode' }
  | { readonly kind: 'failed'; readonly code: string };

/** Props of AttendantPanel. */
export interface AttendantPanelProps {
  /** The cabin's view, or null before the first one arrives. */
  readonly view: CabinView | null;
  readonly client: CabinClient;
  readonly onClose: () => void;
}

/** Opens in the screens' language; its own language button changes the panel only, never a session. */
export function AttendantPanel(props: AttendantPanelProps) {
  const ui = useUi();
  const [locale, setLocale] = useState<Locale>(ui.locale);
  return (
    <UiContext.Provider value={{ ...ui, locale, strings: t(locale), readAloud: false }}>
      <header className="status-header">
        <LanguageButton onChange={setLocale} />
      </header>
      <PanelBody {...props} />
    </UiContext.Provider>
  );
}

/** Draws the cabin's state and the command buttons; each command sends the typed code with it. */
function PanelBody({ view, client, onClose }: AttendantPanelProps) {
  const { strings } = useUi();
  const s = strings.attendant;
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const sending = useRef(false);
  const yesNo = (value: boolean | undefined): string =>
    value === undefined ? s.unknown : value ? s.yes : s.no;

  const send = (type: CommandType): void => {
    if (sending.current || code === '') return;
    sending.current = true;
    setOutcome(null);
    void client
      .attend({ code, command: { type } })
      .then((result) => {
        if (result.ok) setOutcome({ kind: 'done', command: type });
        else if (result.error.code === 'attendant.badCode') setOutcome({ kind: 'badCode' });
        else setOutcome({ kind: 'failed', code: result.error.code });
      })
      .finally(() => {
        sending.current = false;
      });
  };

  const close = (): void => {
    setCode('');
    setOutcome(null);
    onClose();
  };

  return (
    <section className="screen attendant-panel" data-screen="attendant">
      <h1 className="screen-title">{s.title}</h1>
      <div className="screen-body">
        <h2 className="section-title">{s.stateTitle}</h2>
        <dl className="state-list">
          <StateRow label={s.phase} testId="attendant-phase">
            {view === null ? s.unknown : s.phases[view.phase]}
          </StateRow>
          <StateRow label={s.needsCleaning} testId="attendant-needs-cleaning" alert={view?.needsCleaning}>
            {yesNo(view?.needsCleaning)}
          </StateRow>
          <StateRow label={s.attendantCalled} testId="attendant-called" alert={view?.attendantCalled}>
            {yesNo(view?.attendantCalled)}
          </StateRow>
          {view?.attendantCalled === true && view.session?.help != null && (
            <StateRow label={s.helpTold} testId="attendant-help-told">
              {view.session.help.told.map((who) => strings.attendantPage.audiences[who]).join(', ')}
            </StateRow>
          )}
          {view?.outOfServiceReason != null && (
            <StateRow label={s.outOfServiceReason} testId="attendant-out-of-service-reason" alert>
              {reasonText(s, view.outOfServiceReason)}
            </StateRow>
          )}
        </dl>
        <h2 className="section-title">{s.peripheralsTitle}</h2>
        <dl className="state-list">
          {(view?.peripherals ?? []).map(({ peripheral, state, notice }) => (
            <StateRow
              key={peripheral}
              label={s.peripherals[peripheral]}
              testId={`attendant-peripheral-${peripheral}`}
              state={state}
              alert={state !== 'ok' || notice !== undefined}
            >
              {notice === undefined ? s.states[state] : `${s.states[state]} · ${s.notices[notice]}`}
            </StateRow>
          ))}
        </dl>
        <h2 className="section-title">{s.commandsTitle}</h2>
        <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
          <TextField
            name="attendant-code"
            testId="attendant-code"
            label={s.codeLabel}
            hint={s.codeHint}
            inputClassName="input input-code"
            secret
            layout="digits"
            maxLength={ATTENDANT_CODE_MAX_LENGTH}
            value={code}
            onChange={(value) => setCode(value.replace(/\D/g, ''))}
            invalid={outcome?.kind === 'badCode'}
          />
        </form>
        <div className="choice-group attendant-commands">
          {ATTENDANT_COMMAND_TYPES.map((type) => (
            <ActionButton
              key={type}
              testId={COMMAND_BUTTONS[type].testId}
              kind={COMMAND_BUTTONS[type].kind}
              disabled={code === ''}
              onPress={() => send(type)}
            >
              {s.commands[type]}
            </ActionButton>
          ))}
        </div>
        {outcome !== null && (
          <p
            className={outcome.kind === 'done' ? 'confirmation' : 'failure'}
            role="status"
            data-testid="attendant-result"
          >
            {outcome.kind === 'done'
              ? fill(s.done, { command: s.commands[outcome.command] })
              : outcome.kind === 'badCode'
                ? s.badCode
                : fill(s.failed, { code: outcome.code })}
          </p>
        )}
      </div>
      <div className="screen-actions">
        <ActionButton testId="attendant-close" kind="secondary" onPress={close}>
          {s.close}
        </ActionButton>
      </div>
    </section>
  );
}

/** One line of the state list; `alert` marks what needs the attendant, `state` becomes `data-state`. */
function StateRow({
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

/** The out-of-service reason in plain words; a code the strings do not know is shown for the support service. */
function reasonText(s: Strings['attendant'], reason: string): string {
  const known: Readonly<Record<string, string>> = s.outOfServiceReasons;
  return Object.hasOwn(known, reason) ? (known[reason] ?? reason) : fill(s.otherReason, { code: reason });
}
