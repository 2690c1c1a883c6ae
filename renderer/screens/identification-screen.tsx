// Step 4: identification by Carte Vitale (with a beneficiary choice) or by typed details.
import { useState } from 'react';
import type { IdentificationScreen as IdentificationView, IdentityField } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { CardPicture } from '../components/card-picture';
import { ChoiceButton } from '../components/choice-button';
import { FailureScreen } from '../components/failure-screen';
import { Form } from '../components/form';
import { ScreenFrame } from '../components/screen-frame';
import { FieldError, TextField } from '../components/text-field';
import { WaitingScreen } from '../components/waiting-screen';
import { fill, formatDate } from '../i18n';
import { useUi } from '../ui-context';
import { ParentNeededScreen } from './parent-needed-screen';
import type { StepProps } from './step-props';

/** The longest text a field accepts (MAX_TEXT_LENGTH of the contract's validation). */
const MAX_TEXT_LENGTH = 80;

/** Draws the identification stage the session is in. */
export function IdentificationScreen({ screen, act, send, requestQuit }: StepProps<IdentificationView>) {
  const { strings, locale } = useUi();
  const s = strings.identification;
  const manualEntry = (
    <ActionButton testId="manual-entry" kind="secondary" onPress={send('patient.useManualEntry')}>
      {screen.stage === 'waitingForCard' ? s.noCard : s.typeDetails}
    </ActionButton>
  );
  switch (screen.stage) {
    case 'waitingForCard':
      return (
        <ScreenFrame screen={screen} title={s.waitingTitle} actions={manualEntry}>
          <CardPicture />
          <p className="lead">{s.waitingBody}</p>
        </ScreenFrame>
      );
    case 'readingCard':
      return (
        <WaitingScreen screen={screen} title={s.readingTitle}>
          <p className="lead lead-strong">{s.readingBody}</p>
        </WaitingScreen>
      );
    case 'cardFailed':
      return <FailureScreen view={screen} act={act} title={s.failedTitle} alternative={manualEntry} />;
    case 'choosingBeneficiary':
      return (
        <ScreenFrame screen={screen} title={s.chooseTitle}>
          <p className="lead">{s.chooseBody}</p>
          <div className="choice-group choice-list">
            {screen.beneficiaries.map((beneficiary) => (
              <ChoiceButton
                key={beneficiary.index}
                testId={`beneficiary-${beneficiary.index}`}
                person
                onPress={() => act({ type: 'patient.chooseBeneficiary', index: beneficiary.index })}
              >
                <span className="person-name">
                  {beneficiary.firstName} {beneficiary.surname}
                </span>
                <span className="person-detail">
                  {fill(s.bornOn, { date: formatDate(beneficiary.birthDate, locale) })}
                </span>
              </ChoiceButton>
            ))}
          </div>
        </ScreenFrame>
      );
    case 'confirming':
      return (
        <ScreenFrame
          screen={screen}
          title={s.confirmTitle}
          actions={
            <>
              <ActionButton testId="reject-identity" kind="secondary" onPress={send('patient.back')}>
                {s.confirmNo}
              </ActionButton>
              <ActionButton testId="confirm-identity" onPress={send('patient.confirmIdentity')}>
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
      return <ManualEntryForm screen={screen} act={act} />;
    case 'parentNeeded':
      return <ParentNeededScreen screen={screen} send={send} requestQuit={requestQuit} />;
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
function ManualEntryForm({ screen, act }: Pick<StepProps<IdentificationView>, 'screen' | 'act'>) {
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
  const textField = (
    field: 'surname' | 'firstName' | 'nir',
    value: string,
    onChange: (value: string) => void,
  ) => (
    <TextField
      name={field}
      label={s[field]}
      hint={field === 'nir' ? s.nirHint : undefined}
      value={value}
      onChange={onChange}
      maxLength={MAX_TEXT_LENGTH}
      invalid={invalid(field)}
      error={s.invalid[field]}
    />
  );
  const dateParts: readonly DatePartProps[] = [
    { part: 'day', label: s.day, value: day, onChange: setDay },
    { part: 'month', label: s.month, value: month, onChange: setMonth },
    { part: 'year', label: s.year, value: year, onChange: setYear },
  ];
  return (
    <ScreenFrame
      screen={screen}
      title={s.manualTitle}
      actions={
        <ActionButton testId="submit-identity" onPress={submit}>
          {s.submit}
        </ActionButton>
      }
    >
      <Form onSubmit={submit}>
        <p className="lead">{s.manualBody}</p>
        {textField('surname', surname, setSurname)}
        {textField('firstName', firstName, setFirstName)}
        <fieldset
          className={`field field-date${invalid('birthDate') ? ' field-invalid' : ''}`}
          data-testid="field-birthDate"
          aria-invalid={invalid('birthDate')}
        >
          <legend className="field-label">{s.birthDate}</legend>
          <div className="date-parts">
            {dateParts.map((props) => (
              <DatePart key={props.part} {...props} />
            ))}
          </div>
          {invalid('birthDate') && <FieldError name="birthDate" text={s.invalid.birthDate} />}
        </fieldset>
        {textField('nir', nir, setNir)}
      </Form>
    </ScreenFrame>
  );
}

/** Props of DatePart. */
interface DatePartProps {
  readonly part: 'day' | 'month' | 'year';
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** One digits-only part of the birth date (`field-birthDate-<part>`): 2 digits, or 4 for the year. */
function DatePart({ part, label, value, onChange }: DatePartProps) {
  const isYear = part === 'year';
  return (
    <label className="date-part">
      <span className="date-part-label">{label}</span>
      <input
        className={`input ${isYear ? 'input-year' : 'input-short'}`}
        data-testid={`field-birthDate-${part}`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={isYear ? 4 : 2}
        value={value}
        onChange={(event) => onChange(onlyDigits(event.target.value))}
      />
    </label>
  );
}
