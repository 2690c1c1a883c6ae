// Step 5: booked appointment or next available professional, télésoin eligibility, care path, and the cost.
import { useState } from 'react';
import type { AppointmentScreen as AppointmentView } from '../../contract/cabin-view';
import { carePathQuestionsToAsk, completeAnswers, type CarePathQuestion } from '../../contract/cover';
import { APPOINTMENT_CODE_MAX_LENGTH, PROFESSIONS, type TelecareEligibility } from '../../contract/domain';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { CostDetails } from '../components/cost-details';
import { FailureMessage } from '../components/failure-message';
import { Form } from '../components/form';
import { NobodyOnline } from '../components/nobody-online';
import { QuestionScreen, type QuestionItem } from '../components/question-screen';
import { QuitButton } from '../components/quit-button';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { TextField } from '../components/text-field';
import { WaitingScreen } from '../components/waiting-screen';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the appointment stage the session is in. */
export function AppointmentScreen({ screen, act, send, requestQuit }: StepProps<AppointmentView>) {
  const { strings } = useUi();
  const s = strings.appointment;
  switch (screen.stage) {
    case 'choosing':
      return (
        <ScreenFrame screen={screen} title={s.choosingTitle}>
          <div className="choice-group choice-list">
            <ActionButton testId="have-code" kind="secondary" onPress={send('patient.haveAppointmentCode')}>
              {s.haveCode}
            </ActionButton>
            <ActionButton testId="next-available" onPress={send('patient.seeNextAvailable')}>
              {s.nextAvailable}
            </ActionButton>
          </div>
        </ScreenFrame>
      );
    case 'enteringCode':
      return <CodeForm screen={screen} act={act} />;
    case 'checkingCode':
      return <WaitingScreen screen={screen} title={s.checkingTitle} />;
    case 'choosingProfession':
      return (
        <ScreenFrame screen={screen} title={s.professionTitle}>
          <div className="choice-group choice-grid">
            {PROFESSIONS.map((profession) => (
              <ChoiceButton
                key={profession}
                testId={`profession-${profession}`}
                chosen={profession === screen.profession}
                onPress={() => act({ type: 'patient.chooseProfession', profession })}
              >
                {strings.professions[profession]}
                {screen.nobodyOnlineKinds.includes(profession) && (
                  <span className="choice-note" data-testid={`profession-${profession}-nobody-online`}>
                    {s.nobodyOnlineNow}
                  </span>
                )}
              </ChoiceButton>
            ))}
          </div>
        </ScreenFrame>
      );
    case 'checkingPresence':
      return <WaitingScreen screen={screen} title={s.checkingPresenceTitle} />;
    case 'nobodyOnline':
      // Said before any question, in the waiting room's words; no place is kept, so no note about staying.
      return (
        <NobodyOnline screen={screen} profession={screen.profession} send={send} requestQuit={requestQuit} />
      );
    case 'eligibility':
      return <EligibilityForm screen={screen} act={act} />;
    case 'notEligible':
      return (
        <ScreenFrame
          screen={screen}
          title={s.notEligibleTitle}
          actions={
            <>
              <QuitButton testId="not-eligible-quit" requestQuit={requestQuit} />
              <ActionButton testId="not-eligible-back" onPress={send('patient.back')}>
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
      return <CarePathForm screen={screen} act={act} />;
    case 'cost':
      return (
        <ScreenFrame
          screen={screen}
          title={s.costTitle}
          actions={
            screen.cost !== null && (
              <ActionButton testId="accept-cost" onPress={send('patient.acceptCost')}>
                {s.acceptCost}
              </ActionButton>
            )
          }
        >
          {screen.cost === null ? <Spinner /> : <CostDetails cost={screen.cost} />}
        </ScreenFrame>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown appointment stage ${String(unknown)}`);
    }
  }
}

/** What the stage forms below use of the step's props. */
type FormProps = Pick<StepProps<AppointmentView>, 'screen' | 'act'>;

/** The appointment code form; the controller's refusal is shown above the field. */
function CodeForm({ screen, act }: FormProps) {
  const { strings } = useUi();
  const s = strings.appointment;
  const [code, setCode] = useState('');
  // Spaces typed on a physical keyboard help to read the code; the code itself has none.
  const trimmed = code.replace(/\s/g, '');
  // A code over its limit is refused (the field says the limit), never cut and sent.
  const sendable = trimmed !== '' && trimmed.length <= APPOINTMENT_CODE_MAX_LENGTH;
  const submit = (): void => {
    if (sendable) act({ type: 'patient.submitAppointmentCode', code: trimmed });
  };
  return (
    <ScreenFrame
      screen={screen}
      title={s.codeTitle}
      actions={
        <ActionButton testId="submit-code" disabled={!sendable} onPress={submit}>
          {s.submitCode}
        </ActionButton>
      }
    >
      {screen.failure !== null && <FailureMessage code={screen.failure} />}
      <Form onSubmit={submit}>
        <TextField
          name="code"
          label={s.codeLabel}
          hint={s.codeHint}
          inputClassName="input input-code"
          code
          layout="digits"
          autoFocus
          maxLength={APPOINTMENT_CODE_MAX_LENGTH}
          value={code}
          onChange={setCode}
          invalid={screen.failure !== null}
        />
      </Form>
    </ScreenFrame>
  );
}

/** The télésoin eligibility questions, one at a time; the physiotherapy one only for a physiotherapist. */
function EligibilityForm({ screen, act }: FormProps) {
  const { strings } = useUi();
  const s = strings.appointment;
  const askEarlierSession = screen.profession === 'physiotherapist';
  const questions: QuestionItem<keyof TelecareEligibility>[] = [
    { field: 'physicalActNeeded', question: s.physicalActNeeded, short: s.physicalActNeededShort },
    ...(askEarlierSession
      ? [
          {
            field: 'earlierInPersonSession' as const,
            question: s.earlierInPersonSession,
            short: s.earlierInPersonSessionShort,
          },
        ]
      : []),
  ];
  return (
    <QuestionScreen
      screen={screen}
      title={s.eligibilityTitle}
      questions={() => questions}
      submitLabel={s.submitAnswers}
      // The earlier-session question only concerns physiotherapy; elsewhere it is answered "no".
      onSubmit={(answers) =>
        act({
          type: 'patient.answerEligibility',
          answers: {
            physicalActNeeded: answers.physicalActNeeded === 'yes',
            earlierInPersonSession: answers.earlierInPersonSession === 'yes',
          },
        })
      }
    />
  );
}

/**
 * The cover questions, one plain fact at a time, each with "Je ne sais pas": the médecin-traitant ones
 * for a doctor's patient of 16 or over, a follow-up only when the answer before calls for it; then ALD,
 * maternity and CSS (the rules in contract/cover.ts, which the session checks again).
 */
function CarePathForm({ screen, act }: FormProps) {
  const { strings } = useUi();
  const s = strings.appointment;
  const profession = screen.profession ?? 'doctor';
  return (
    <QuestionScreen<CarePathQuestion>
      screen={screen}
      title={s.carePathTitle}
      intro={<p className="question-intro">{s.carePathIntro}</p>}
      questions={(answers) =>
        carePathQuestionsToAsk(profession, screen.ageBand, answers, screen.directAccess).map((field) => ({
          field,
          ...s.carePath[field],
        }))
      }
      allowUnknown
      submitLabel={s.submitAnswers}
      onSubmit={(answers) => act({ type: 'patient.answerCarePath', answers: completeAnswers(answers) })}
    />
  );
}
