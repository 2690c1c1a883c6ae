// Step 4: identification by Carte Vitale (with a beneficiary choice) or by typed details.
import { useState } from 'react';
import type { IdentificationScreen as IdentificationView, IdentityField } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { CardPicture } from '../components/card-picture';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { failureMessage, fill, formatDate } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** The longest text a field accepts (MAX_TEXT_LENGTH of the contract's validation). */
const MAX_TEXT_LENGTH = 80;

/** Draws the identification stage the session is in. */
export function IdentificationScreen({ screen, act, requestQuit }: StepProps<IdentificationView>) {
  const { strings, locale } = useUi();
  const s = strings.identification;
  const manualEntry = (
    <ActionButton
      testId="manual-entry"
      kind="secondary"
      onPress={() => act({ type: 'patient.useManualEntry' })}
    >
      {screen.stage === 'waitingForCard' ? s.noCard : s.typeDetails}
    </ActionButton>
  );
  switch (screen.stage) {
    case 'waitingForCard':
      return (
        <ScreenFrame
          screen="identification"
          stage={screen.stage}
          title={s.waitingTitle}
          actions={manualEntry}
        >
          <CardPicture />
          <p className="lead">{s.waitingBody}</p>
        </ScreenFrame>
      );
    case 'readingCard':
      return (
        <ScreenFrame screen="identification" stage={screen.stage} title={s.readingTitle}>
          <Spinner />
          <p className="lead lead-strong">{s.readingBody}</p>
        </ScreenFrame>
      );
    case 'cardFailed':
      return (
        <ScreenFrame
          screen="identification"
          stage={screen.stage}
          title={s.failedTitle}
          actions={
            <>
              {manualEntry}
              <ActionButton testId="retry" onPress={() => act({ type: 'patient.retry' })}>
                {strings.common.retry}
              </ActionButton>
            </>
          }
        >
          <p className="failure" data-testid="failure">
            {failureMessage(strings, screen.failure)}
          </p>
        </ScreenFrame>
      );
    case 'choosingBeneficiary':
      return (
        <ScreenFrame screen="identification" stage={screen.stage} title={s.chooseTitle}>
          <p className="lead">{s.chooseBody}</p>
          <div className="choice-group choice-list">
            {screen.beneficiaries.map((beneficiary) => (
              <button
                key={beneficiary.index}
                type="button"
                className="choice choice-person"
                data-testid={`beneficiary-${beneficiary.index}`}
                onClick={() => act({ type: 'patient.chooseBeneficiary', index: beneficiary.index })}
              >
                <span className="person-name">
                  {beneficiary.firstName} {beneficiary.surname}
                </span>
                <span className="person-detail">
                  {fill(s.bornOn, { date: formatDate(beneficiary.birthDate, locale) })}
                </span>
              </button>
            ))}
          </div>
        </ScreenFrame>
      );
    case 'confirming':
      return (
        <ScreenFrame
          screen="identification"
          stage={screen.stage}
          title={s.confirmTitle}
          actions={
            <>
              <ActionButton
                testId="reject-identity"
                kind="secondary"
                onPress={() => act({ type: 'patient.back' })}
              >
                {s.confirmNo}
              </ActionButton>
              <ActionButton
                testId="confirm-identity"
                onPress={() => act({ type: 'patient.confirmIdentity' })}
              >
                {s.confirmYes}
              </ActionButton>
            </>
          }
        >
          {screen.identity !== null && (
            <div className="person-card" data-testid="identity">
              <p className="person-name">
                {screen.identity.firstName} {screen.identity.surname}
              </p>
              <p className="person-detail">
                {fill(s.bornOn, { date: formatDate(screen.identity.birthDate, locale) })}
              </p>
            </div>
          )}
        </ScreenFrame>
      );
    case 'manualEntry':
      return <ManualEntryForm screen={screen} act={act} requestQuit={requestQuit} />;
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown identification stage ${String(unknown)}`);
    }
  }
}

/** Splits an ISO date into the three fields of the form; anything else gives empty fields. */
function splitDate(iso: string | undefined): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { year: match[1] ?? '', month: match[2] ?? '', day: match[3] ?? '' };
}

/** Joins the three date fields as YYYY-MM-DD; left empty when nothing was typed, for the controller to refuse. */
function joinDate(day: string, month: string, year: string): string {
  if (day === '' && month === '' && year === '') return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const onlyDigits = (text: string): string => text.replace(/\D/g, '');

/** The manual identity form; keeps what was typed while the controller points at invalid fields. */
function ManualEntryForm({ screen, act }: StepProps<IdentificationView>) {
  const { strings } = useUi();
  const s = strings.identification;
  const typed = screen.identity;
  const [surname, setSurname] = useState(typed?.surname ?? '');
  const [firstName, setFirstName] = useState(typed?.firstName ?? '');
  const initialDate = splitDate(typed?.birthDate);
  const [day, setDay] = useState(initialDate.day);
  const [month, setMonth] = useState(initialDate.month);
  const [year, setYear] = useState(initialDate.year);
  const [nir, setNir] = useState(typed?.nir ?? '');
  const invalid = (field: IdentityField): boolean => screen.invalidFields.includes(field);
  const submit = (): void =>
    act({
      type: 'patient.submitIdentity',
      identity: {
        surname: surname.trim(),
        firstName: firstName.trim(),
        birthDate: joinDate(day, month, year),
        // Spaces help to type the number in groups; the number itself has none.
        nir: nir.replace(/\s+/g, '').toUpperCase(),
      },
    });
  const errorOf = (field: IdentityField) =>
    invalid(field) ? (
      <p className="field-error" id={`error-${field}`} data-testid={`error-${field}`}>
        {s.invalid[field]}
      </p>
    ) : null;
  return (
    <ScreenFrame
      screen="identification"
      stage="manualEntry"
      title={s.manualTitle}
      actions={
        <ActionButton testId="submit-identity" onPress={submit}>
          {s.submit}
        </ActionButton>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="lead">{s.manualBody}</p>
        <label className={`field${invalid('surname') ? ' field-invalid' : ''}`}>
          <span className="field-label">{s.surname}</span>
          <input
            className="input"
            data-testid="field-surname"
            autoComplete="off"
            maxLength={MAX_TEXT_LENGTH}
            value={surname}
            aria-invalid={invalid('surname')}
            aria-describedby={invalid('surname') ? 'error-surname' : undefined}
            onChange={(event) => setSurname(event.target.value)}
          />
          {errorOf('surname')}
        </label>
        <label className={`field${invalid('firstName') ? ' field-invalid' : ''}`}>
          <span className="field-label">{s.firstName}</span>
          <input
            className="input"
            data-testid="field-firstName"
            autoComplete="off"
            maxLength={MAX_TEXT_LENGTH}
            value={firstName}
            aria-invalid={invalid('firstName')}
            aria-describedby={invalid('firstName') ? 'error-firstName' : undefined}
            onChange={(event) => setFirstName(event.target.value)}
          />
          {errorOf('firstName')}
        </label>
        <fieldset
          className={`field field-date${invalid('birthDate') ? ' field-invalid' : ''}`}
          data-testid="field-birthDate"
          aria-invalid={invalid('birthDate')}
        >
          <legend className="field-label">{s.birthDate}</legend>
          <div className="date-parts">
            <label className="date-part">
              <span className="date-part-label">{s.day}</span>
              <input
                className="input input-short"
                data-testid="field-birthDate-day"
                inputMode="numeric"
                autoComplete="off"
                maxLength={2}
                value={day}
                onChange={(event) => setDay(onlyDigits(event.target.value))}
              />
            </label>
            <label className="date-part">
              <span className="date-part-label">{s.month}</span>
              <input
                className="input input-short"
                data-testid="field-birthDate-month"
                inputMode="numeric"
                autoComplete="off"
                maxLength={2}
                value={month}
                onChange={(event) => setMonth(onlyDigits(event.target.value))}
              />
            </label>
            <label className="date-part">
              <span className="date-part-label">{s.year}</span>
              <input
                className="input input-year"
                data-testid="field-birthDate-year"
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                value={year}
                onChange={(event) => setYear(onlyDigits(event.target.value))}
              />
            </label>
          </div>
          {errorOf('birthDate')}
        </fieldset>
        <label className={`field${invalid('nir') ? ' field-invalid' : ''}`}>
          <span className="field-label">{s.nir}</span>
          <span className="field-hint">{s.nirHint}</span>
          <input
            className="input"
            data-testid="field-nir"
            autoComplete="off"
            maxLength={MAX_TEXT_LENGTH}
            value={nir}
            aria-invalid={invalid('nir')}
            aria-describedby={invalid('nir') ? 'error-nir' : undefined}
            onChange={(event) => setNir(event.target.value)}
          />
          {errorOf('nir')}
        </label>
      </form>
    </ScreenFrame>
  );
}
