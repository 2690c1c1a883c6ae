// Step 5: booked appointment or next available professional, télésoin eligibility, care path, and the cost.
import { useState } from 'react';
import type { AppointmentScreen as AppointmentView } from '../../contract/cabin-view';
import type { CarePathAnswers, Profession } from '../../contract/domain';
import { ActionButton } from '../components/action-button';
import { CostTable } from '../components/cost-table';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { YesNoQuestion } from '../components/yes-no-question';
import { failureMessage, formatMoney } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** The professions offered, téléconsultation first (mirrors PROFESSIONS of the contract, types only here). */
export const PROFESSION_CHOICES: readonly Profession[] = [
  'doctor',
  'midwife',
  'dentist',
  'pharmacist',
  'nurse',
  'physiotherapist',
  'speechTherapist',
];

const CARE_PATH_FIELDS: readonly (keyof CarePathAnswers)[] = [
  'referredOrNoRegularDoctor',
  'exemptedCase',
  'fullCover',
];

/** Draws the appointment stage the session is in. */
export function AppointmentScreen({ screen, act, requestQuit }: StepProps<AppointmentView>) {
  const { strings, locale } = useUi();
  const s = strings.appointment;
  switch (screen.stage) {
    case 'choosing':
      return (
        <ScreenFrame screen="appointment" stage={screen.stage} title={s.choosingTitle}>
          <div className="choice-group choice-list">
            <ActionButton
              testId="have-code"
              kind="secondary"
              onPress={() => act({ type: 'patient.haveAppointmentCode' })}
            >
              {s.haveCode}
            </ActionButton>
            <ActionButton testId="next-available" onPress={() => act({ type: 'patient.seeNextAvailable' })}>
              {s.nextAvailable}
            </ActionButton>
          </div>
        </ScreenFrame>
      );
    case 'enteringCode':
      return <CodeForm screen={screen} act={act} requestQuit={requestQuit} />;
    case 'checkingCode':
      return (
        <ScreenFrame screen="appointment" stage={screen.stage} title={s.checkingTitle}>
          <Spinner />
        </ScreenFrame>
      );
    case 'choosingProfession':
      return (
        <ScreenFrame screen="appointment" stage={screen.stage} title={s.professionTitle}>
          <div className="choice-group choice-grid">
            {PROFESSION_CHOICES.map((profession) => (
              <button
                key={profession}
                type="button"
                className={`choice${profession === screen.profession ? ' choice-chosen' : ''}`}
                data-testid={`profession-${profession}`}
                onClick={() => act({ type: 'patient.chooseProfession', profession })}
              >
                {strings.professions[profession]}
              </button>
            ))}
          </div>
        </ScreenFrame>
      );
    case 'eligibility':
      return <EligibilityForm screen={screen} act={act} requestQuit={requestQuit} />;
    case 'notEligible':
      return (
        <ScreenFrame
          screen="appointment"
          stage={screen.stage}
          title={s.notEligibleTitle}
          actions={
            <>
              <ActionButton testId="not-eligible-quit" kind="danger" onPress={requestQuit}>
                {strings.common.quit}
              </ActionButton>
              <ActionButton testId="not-eligible-back" onPress={() => act({ type: 'patient.back' })}>
                {s.goBack}
              </ActionButton>
            </>
          }
        >
          <p className="lead">{s.notEligiblePhysical}</p>
          {screen.profession === 'physiotherapist' && <p className="lead">{s.notEligiblePhysio}</p>}
          <p className="note">{s.notEligibleAdvice}</p>
        </ScreenFrame>
      );
    case 'carePath':
      return <CarePathForm screen={screen} act={act} requestQuit={requestQuit} />;
    case 'cost':
      return (
        <ScreenFrame
          screen="appointment"
          stage={screen.stage}
          title={s.costTitle}
          actions={
            screen.cost !== null && (
              <ActionButton testId="accept-cost" onPress={() => act({ type: 'patient.acceptCost' })}>
                {s.acceptCost}
              </ActionButton>
            )
          }
        >
          {screen.cost === null ? (
            <Spinner />
          ) : (
            <>
              <CostTable
                cost={screen.cost}
                labels={{ fee: s.fee, reimbursed: s.reimbursedPercent, share: s.share }}
              />
              {screen.cost.reimbursed ? (
                <p className="note">{screen.cost.thirdPartyPayment ? s.thirdPartyYes : s.thirdPartyNo}</p>
              ) : (
                <p className="lead lead-strong">{s.notReimbursed}</p>
              )}
              <p className="amount">
                <span className="amount-label">{s.dueToday}</span>{' '}
                <span className="money" data-testid="amount-due-today">
                  {formatMoney(screen.cost.amountDueTodayCents, locale)}
                </span>
              </p>
              <p className="note">{s.payLater}</p>
            </>
          )}
        </ScreenFrame>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown appointment stage ${String(unknown)}`);
    }
  }
}

/** The appointment code form; the controller's refusal is shown above the field. */
function CodeForm({ screen, act }: StepProps<AppointmentView>) {
  const { strings } = useUi();
  const s = strings.appointment;
  const [code, setCode] = useState('');
  const trimmed = code.trim();
  const submit = (): void => {
    if (trimmed !== '') act({ type: 'patient.submitAppointmentCode', code: trimmed });
  };
  return (
    <ScreenFrame
      screen="appointment"
      stage="enteringCode"
      title={s.codeTitle}
      actions={
        <ActionButton testId="submit-code" disabled={trimmed === ''} onPress={submit}>
          {s.submitCode}
        </ActionButton>
      }
    >
      {screen.failure !== null && (
        <p className="failure" data-testid="failure">
          {failureMessage(strings, screen.failure)}
        </p>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className={`field${screen.failure !== null ? ' field-invalid' : ''}`}>
          <span className="field-label">{s.codeLabel}</span>
          <span className="field-hint">{s.codeHint}</span>
          <input
            className="input input-code"
            data-testid="field-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={80}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </label>
      </form>
    </ScreenFrame>
  );
}

/** The télésoin eligibility questions; the physiotherapy question is asked only for a physiotherapist. */
function EligibilityForm({ screen, act }: StepProps<AppointmentView>) {
  const { strings } = useUi();
  const s = strings.appointment;
  const askEarlierSession = screen.profession === 'physiotherapist';
  const [physicalActNeeded, setPhysicalActNeeded] = useState<boolean | null>(null);
  const [earlierInPersonSession, setEarlierInPersonSession] = useState<boolean | null>(null);
  const complete = physicalActNeeded !== null && (!askEarlierSession || earlierInPersonSession !== null);
  const submit = (): void => {
    if (physicalActNeeded === null) return;
    // The earlier-session question only concerns physiotherapy; elsewhere it is answered "no".
    act({
      type: 'patient.answerEligibility',
      answers: {
        physicalActNeeded,
        earlierInPersonSession: askEarlierSession && earlierInPersonSession === true,
      },
    });
  };
  return (
    <ScreenFrame
      screen="appointment"
      stage="eligibility"
      title={s.eligibilityTitle}
      actions={
        <ActionButton testId="submit-answers" disabled={!complete} onPress={submit}>
          {s.submitAnswers}
        </ActionButton>
      }
    >
      <YesNoQuestion
        field="physicalActNeeded"
        question={s.physicalActNeeded}
        value={physicalActNeeded}
        onChange={setPhysicalActNeeded}
      />
      {askEarlierSession && (
        <YesNoQuestion
          field="earlierInPersonSession"
          question={s.earlierInPersonSession}
          value={earlierInPersonSession}
          onChange={setEarlierInPersonSession}
        />
      )}
    </ScreenFrame>
  );
}

/** The three parcours-de-soins questions, each with one sentence saying what it means. */
function CarePathForm({ act }: StepProps<AppointmentView>) {
  const { strings } = useUi();
  const s = strings.appointment;
  const [answers, setAnswers] = useState<{ [K in keyof CarePathAnswers]: boolean | null }>({
    referredOrNoRegularDoctor: null,
    exemptedCase: null,
    fullCover: null,
  });
  const complete = CARE_PATH_FIELDS.every((field) => answers[field] !== null);
  const submit = (): void => {
    const { referredOrNoRegularDoctor, exemptedCase, fullCover } = answers;
    if (referredOrNoRegularDoctor === null || exemptedCase === null || fullCover === null) return;
    act({ type: 'patient.answerCarePath', answers: { referredOrNoRegularDoctor, exemptedCase, fullCover } });
  };
  return (
    <ScreenFrame
      screen="appointment"
      stage="carePath"
      title={s.carePathTitle}
      actions={
        <ActionButton testId="submit-answers" disabled={!complete} onPress={submit}>
          {s.submitAnswers}
        </ActionButton>
      }
    >
      <p className="lead">{s.carePathIntro}</p>
      {CARE_PATH_FIELDS.map((field) => (
        <YesNoQuestion
          key={field}
          field={field}
          question={s.carePath[field].question}
          explanation={s.carePath[field].explanation}
          value={answers[field]}
          onChange={(value) => setAnswers((current) => ({ ...current, [field]: value }))}
        />
      ))}
    </ScreenFrame>
  );
}
