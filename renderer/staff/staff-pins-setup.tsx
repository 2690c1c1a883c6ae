// The first start on real hardware: before any patient, both staff PINs are chosen, each typed twice
// and refused with a plain reason when the contract's `pinWeakness` says so.
import { useRef, useState } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import type { Locale } from '../../contract/domain';
import { pinWeakness, STAFF_PIN_LENGTH } from '../../contract/staff';
import { ActionButton } from '../components/action-button';
import { Form } from '../components/form';
import { LanguageButton } from '../components/language-button';
import { TextField } from '../components/text-field';
import { fill, type Strings } from '../i18n';
import { useUi } from '../ui-context';

/** The four fields of the form, in order. */
const FIELDS = ['attendantPin', 'attendantPinAgain', 'technicianPin', 'technicianPinAgain'] as const;

type Field = (typeof FIELDS)[number];

type Problem = keyof Strings['staff']['setupProblems'];

/** Why the typed PINs cannot be saved, by field; empty when they can. */
export function pinProblems(values: Readonly<Record<Field, string>>): Partial<Record<Field, Problem>> {
  const problems: Partial<Record<Field, Problem>> = {};
  for (const role of ['attendant', 'technician'] as const) {
    const pin = values[`${role}Pin`];
    const weakness = pinWeakness(pin);
    if (weakness !== null) problems[`${role}Pin`] = weakness;
    else if (values[`${role}PinAgain`] !== pin) problems[`${role}PinAgain`] = 'mismatch';
  }
  if (problems.technicianPin === undefined && values.technicianPin === values.attendantPin)
    problems.technicianPin = 'same';
  return problems;
}

/** Props of StaffPinsSetup. */
export interface StaffPinsSetupProps {
  readonly client: CabinClient;
  /** The language button of the screen (the screens' language outside a session). */
  readonly onLocale: (locale: Locale) => void;
}

/** The setup screen (`data-screen="staff-setup"`): four PIN fields and "Enregistrer les codes". */
export function StaffPinsSetup({ client, onLocale }: StaffPinsSetupProps) {
  const { strings } = useUi();
  const s = strings.staff;
  const [values, setValues] = useState<Record<Field, string>>({
    attendantPin: '',
    attendantPinAgain: '',
    technicianPin: '',
    technicianPinAgain: '',
  });
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const sending = useRef(false);
  const problems = pinProblems(values);

  const save = (): void => {
    setChecked(true);
    if (sending.current || Object.keys(pinProblems(values)).length > 0) return;
    sending.current = true;
    setFailure(null);
    void client
      .staffSetPins({ attendantPin: values.attendantPin, technicianPin: values.technicianPin })
      .then((result) => {
        // Once saved, the cabin's view says no PIN is needed any more and the welcome screen comes back.
        if (!result.ok) setFailure(result.error.code);
      })
      .finally(() => {
        sending.current = false;
      });
  };

  return (
    <section className="screen staff-screen" data-screen="staff-setup">
      <header className="status-header">
        <LanguageButton onChange={onLocale} />
      </header>
      <h1 className="screen-title">{s.setupTitle}</h1>
      <div className="screen-body">
        <p className="lead">{s.setupLead}</p>
        <Form onSubmit={save}>
          {FIELDS.map((field, index) => {
            const problem = checked ? problems[field] : undefined;
            return (
              <TextField
                key={field}
                name={`setup-${field}`}
                testId={`setup-${field}`}
                label={s.setupFields[field]}
                hint={index % 2 === 0 ? strings.staff.pinHint : undefined}
                inputClassName="input input-code"
                secret
                autoFocus={index === 0}
                layout="digits"
                maxLength={STAFF_PIN_LENGTH.max}
                value={values[field]}
                onChange={(value) => setValues({ ...values, [field]: value.replace(/\D/g, '') })}
                invalid={problem !== undefined}
                error={problem === undefined ? undefined : s.setupProblems[problem]}
              />
            );
          })}
        </Form>
        {failure !== null && (
          <p className="failure" role="alert" data-testid="setup-failure">
            {fill(s.setupFailed, { code: failure })}
          </p>
        )}
      </div>
      <div className="screen-actions">
        <ActionButton testId="setup-save" onPress={save}>
          {s.setupSave}
        </ActionButton>
      </div>
    </section>
  );
}
