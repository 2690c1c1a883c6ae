// The staff login on the cabin's screen: the role, then its PIN on the on-screen digits. A wrong PIN
// says the tries left when the cabin tells them; a locked role says until when.
import { useEffect, useRef, useState } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import { after } from '../../contract/clock';
import type { CabinView } from '../../contract/cabin-view';
import type { Locale } from '../../contract/domain';
import { STAFF_PIN_LENGTH, STAFF_ROLES, type StaffRole, type StaffSession } from '../../contract/staff';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { Form } from '../components/form';
import { LanguageButton } from '../components/language-button';
import { TextField } from '../components/text-field';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { STAFF_LOGIN_IDLE_MS, useIdleClose } from './idle-close';
import { formatClockTime, triesLeft } from './staff-format';

/** Why the last login did not open a session. */
type Refusal =
  | { readonly kind: 'badPin'; readonly tries: number | null }
  | { readonly kind: 'locked' }
  | { readonly kind: 'pinsNeeded' }
  | { readonly kind: 'failed'; readonly code: string };

/** Props of StaffLogin. */
export interface StaffLoginProps {
  readonly view: CabinView | null;
  readonly client: CabinClient;
  readonly onOpened: (session: StaffSession) => void;
  readonly onCancel: () => void;
  /** The staff's own language button: it changes the staff screens only. */
  readonly onLocale: (locale: Locale) => void;
}

/**
 * The login (`data-screen="staff-login"`): role tiles, the PIN field, "Entrer" and "Annuler"; it gives
 * the screen back by itself after `STAFF_LOGIN_IDLE_MS` without a touch.
 */
export function StaffLogin({ view, client, onOpened, onCancel, onLocale }: StaffLoginProps) {
  const { locale, strings } = useUi();
  const s = strings.staff;
  const { clock } = useMediaEnvironment();
  const [role, setRole] = useState<StaffRole>('attendant');
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const sending = useRef(false);
  const { handlers } = useIdleClose(STAFF_LOGIN_IDLE_MS, onCancel);

  const lock = view?.staff.locks.find((entry) => entry.role === role && entry.until > clock.now()) ?? null;
  // A lock ends by itself: the screen is drawn again when it does, and the role can be tried.
  const [, setLockEnded] = useState(0);
  const lockUntil = lock?.until ?? null;
  useEffect(() => {
    if (lockUntil === null) return undefined;
    return after(clock, lockUntil - clock.now(), () => setLockEnded((count) => count + 1));
  }, [lockUntil, clock]);
  const roleName = s.roles[role];

  const submit = (): void => {
    if (sending.current || pin === '' || lock !== null) return;
    sending.current = true;
    setRefusal(null);
    void client
      .staffLogin({ role, pin })
      .then((result) => {
        setPin('');
        if (result.ok) {
          onOpened(result.value);
          return;
        }
        const { code } = result.error;
        if (code === 'staff.badPin') setRefusal({ kind: 'badPin', tries: triesLeft(result.error) });
        else if (code === 'staff.locked') setRefusal({ kind: 'locked' });
        else if (code === 'staff.pinsNeeded') setRefusal({ kind: 'pinsNeeded' });
        else setRefusal({ kind: 'failed', code });
      })
      .finally(() => {
        sending.current = false;
      });
  };

  let message: string | null = null;
  if (lock !== null) message = fill(s.locked, { role: roleName, time: formatClockTime(lock.until, locale) });
  else if (refusal?.kind === 'badPin')
    message =
      refusal.tries === null
        ? s.badPin
        : refusal.tries === 1
          ? s.badPinLastTry
          : fill(s.badPinTries, { tries: refusal.tries });
  else if (refusal?.kind === 'locked') message = fill(s.lockedNow, { role: roleName });
  else if (refusal?.kind === 'pinsNeeded') message = s.pinsNeeded;
  else if (refusal?.kind === 'failed') message = fill(s.failed, { code: refusal.code });

  return (
    <section className="screen staff-screen" data-screen="staff-login" {...handlers}>
      <header className="status-header">
        <LanguageButton onChange={onLocale} />
      </header>
      <h1 className="screen-title">{s.loginTitle}</h1>
      <div className="screen-body">
        <div className="choice-group" role="radiogroup" aria-label={s.roleLabel}>
          {STAFF_ROLES.map((choice) => (
            <ChoiceButton
              key={choice}
              testId={`staff-role-${choice}`}
              chosen={choice === role}
              announce="radio"
              onPress={() => {
                setRole(choice);
                setRefusal(null);
              }}
            >
              {s.roles[choice]}
            </ChoiceButton>
          ))}
        </div>
        <Form onSubmit={submit}>
          <TextField
            name="staff-pin"
            testId="staff-pin"
            label={s.pinLabel}
            hint={s.pinHint}
            inputClassName="input input-code"
            secret
            autoFocus
            layout="digits"
            maxLength={STAFF_PIN_LENGTH.max}
            value={pin}
            onChange={(value) => setPin(value.replace(/\D/g, ''))}
            invalid={refusal?.kind === 'badPin'}
          />
        </Form>
        {message !== null && (
          <p
            className="failure"
            role="alert"
            data-testid={lock !== null || refusal?.kind === 'locked' ? 'staff-locked' : 'staff-login-error'}
          >
            {message}
          </p>
        )}
      </div>
      <div className="screen-actions">
        <ActionButton testId="staff-login-cancel" kind="secondary" onPress={onCancel}>
          {s.cancel}
        </ActionButton>
        <ActionButton testId="staff-login" disabled={pin === '' || lock !== null} onPress={submit}>
          {s.login}
        </ActionButton>
      </div>
    </section>
  );
}
