// Step 4: identification by Carte Vitale (with a beneficiary choice) or by typed details.
import { useState } from 'react';
import type {
  IdentificationScreen as IdentificationView,
  IdentityField,
  InvalidField,
} from '../../contract/cabin-view';
import { NAME_MAX_LENGTH, NIR_LENGTH } from '../../contract/domain';
import { bornOnWording } from '../born-on';
import { ActionButton } from '../components/action-button';
import { CardPicture } from '../components/card-picture';
import { ChoiceButton } from '../components/choice-button';
import { FailureScreen } from '../components/failure-screen';
import { Form } from '../components/form';
import { ScreenFrame } from '../components/screen-frame';
import { useKeyboardField } from '../components/keyboard-field';
import { FieldError, TextField } from '../components/text-field';
import { WaitingScreen } from '../components/waiting-screen';
import { fill, formatDate, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import { ParentNeededScreen } from './parent-needed-screen';
import type { StepProps } from './step-props';

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
                {fill(s[bornOnWording(screen.identity)], {
                  date: formatDate(screen.identity.birthDate, locale),
                })}
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

/** The message saying why a field was refused: its own for an empty field, else the problem's, filled. */
function problemMessage(s: Strings['identification'], invalid: InvalidField): string {
  if (invalid.problem === 'empty') return s.invalid[invalid.field];
  return fill(s.problems[invalid.problem], { max: NAME_MAX_LENGTH, count: invalid.length });
}

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
  // A field changed since the last submission no longer shows the controller's reason, which was
  // about the value before (the name being retyped is not "a name with digits" any more).
  const [edited, setEdited] = useState<ReadonlySet<IdentityField>>(new Set());
  const editing =
    (field: IdentityField, set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      if (!edited.has(field)) setEdited(new Set([...edited, field]));
    };
  const refusal = (field: IdentityField): InvalidField | undefined =>
    edited.has(field) ? undefined : screen.invalidFields.find((invalid) => invalid.field === field);
  const birthDateRefusal = refusal('birthDate');
  const submit = (): void => {
    setEdited(new Set());
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
  };
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
      onChange={editing(field, onChange)}
      layout={field === 'nir' ? 'nir' : 'letters'}
      maxLength={field === 'nir' ? NIR_LENGTH : NAME_MAX_LENGTH}
      autoFocus={field === 'surname'}
      invalid={refusal(field) !== undefined}
      error={problemMessage(s, refusal(field) ?? { field, problem: 'empty', length: 0 })}
    />
  );
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
        <BirthDateField
          parts={{ day, month, year }}
          setters={{
            day: editing('birthDate', setDay),
            month: editing('birthDate', setMonth),
            year: editing('birthDate', setYear),
          }}
          error={birthDateRefusal === undefined ? null : problemMessage(s, birthDateRefusal)}
        />
        {textField('nir', nir, setNir)}
      </Form>
    </ScreenFrame>
  );
}

type DatePartName = 'day' | 'month' | 'year';

/** Props of BirthDateField. */
interface BirthDateFieldProps {
  readonly parts: Readonly<Record<DatePartName, string>>;
  readonly setters: Readonly<Record<DatePartName, (value: string) => void>>;
  /** The controller's reason, when it refused the date. */
  readonly error: string | null;
}

/**
 * The birth date as day, month and year (`field-birthDate-<part>`), digits only: 2, 2 and 4. The
 * keyboard of the part being typed is drawn under the three; a full part hands over to the next one.
 */
function BirthDateField({ parts, setters, error }: BirthDateFieldProps) {
  const { strings } = useUi();
  const s = strings.identification;
  const options = (name: DatePartName, length: number, onFull?: () => void) => ({
    value: parts[name],
    onChange: (value: string) => setters[name](onlyDigits(value)),
    maxLength: length,
    layout: 'date' as const,
    onFull,
  });
  // A full part hands over to the next one; the closures run on a key press, after these are set.
  const year = useKeyboardField(options('year', 4));
  const month = useKeyboardField(options('month', 2, () => year.inputRef.current?.focus()));
  const day = useKeyboardField(options('day', 2, () => month.inputRef.current?.focus()));
  const fields = { day, month, year };
  const limit = fields.day.limitMessage ?? fields.month.limitMessage ?? fields.year.limitMessage;
  const message = limit ?? error;
  return (
    <fieldset
      className={`field field-date${message !== null ? ' field-invalid' : ''}`}
      data-testid="field-birthDate"
      aria-invalid={message !== null}
    >
      <legend className="field-label">{s.birthDate}</legend>
      <div className="date-parts">
        {(['day', 'month', 'year'] as const).map((name) => (
          <label className="date-part" key={name}>
            <span className="date-part-label">{s[name]}</span>
            <input
              className={`input ${name === 'year' ? 'input-year' : 'input-short'}`}
              data-testid={`field-birthDate-${name}`}
              autoComplete="off"
              ref={fields[name].inputRef}
              {...fields[name].inputProps}
              value={parts[name]}
              aria-describedby={message !== null ? 'error-birthDate' : undefined}
              onChange={(event) => setters[name](onlyDigits(event.target.value))}
            />
          </label>
        ))}
      </div>
      {message !== null && <FieldError name="birthDate" text={message} />}
      {fields.day.keyboard ?? fields.month.keyboard ?? fields.year.keyboard}
    </fieldset>
  );
}
