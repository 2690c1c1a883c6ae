// A running patient session: the header, the help and still-there prompts, and the current step's screen.
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import type { SessionView, StepScreen } from '../../contract/cabin-view';
import type { PatientAction } from '../../contract/patient-action';
import { ActionButton } from '../components/action-button';
import { HelpBanner } from '../components/help-banner';
import { Modal } from '../components/modal';
import { SessionHeader } from '../components/session-header';
import { StaffOnScreenBanner } from '../components/staff-on-screen-banner';
import { TypingPresenceContext, usePresenceSignal } from '../components/typing-presence';
import { StillThereDialog } from '../components/still-there-dialog';
import { useUi } from '../ui-context';
import { AppointmentScreen } from './appointment-screen';
import { ConsentScreen } from './consent-screen';
import { ConsultationScreen } from './consultation-screen';
import { DocumentsScreen } from './documents-screen';
import { GoodbyeScreen } from './goodbye-screen';
import { IdentificationScreen } from './identification-screen';
import { InformationScreen } from './information-screen';
import { MeasurementsScreen } from './measurements-screen';
import { PaymentScreen } from './payment-screen';
import { sender, type StepProps } from './step-props';
import { WaitingRoomScreen } from './waiting-room-screen';

/** Actions that must get through even while another action waits for its answer. */
const ALWAYS_ALLOWED: ReadonlySet<PatientAction['type']> = new Set([
  'patient.help',
  'patient.cancelHelp',
  'patient.stillHere',
  'patient.setLocale',
  'patient.setAccessibility',
  'patient.quit',
]);

/** Props of SessionScreen. */
export interface SessionScreenProps {
  readonly session: SessionView;
  readonly client: CabinClient;
  /** Given while a help call waits for an attendant: the help banner then carries the staff entry. */
  readonly onOpenAttendant?: () => void;
  /** A staff panel is open on the cabin's screen: the patient is told so by a banner (`staff-on-screen`). */
  readonly staffOnScreen?: boolean;
}

/** Refusals the patient is not told of: the link's loss has its own banner, a late touch its new screen. */
const QUIET_REFUSALS: ReadonlySet<string> = new Set(['transport.unavailable', 'session.actionNotNow']);

/** Draws the session; a second step action is ignored until the first is answered (double taps on touch screens). */
export function SessionScreen({
  session,
  client,
  onOpenAttendant,
  staffOnScreen = false,
}: SessionScreenProps) {
  const { strings } = useUi();
  const [confirmingQuit, setConfirmingQuit] = useState(false);
  const [actionFailed, setActionFailed] = useState(false);
  const waiting = useRef(false);

  useEffect(() => setActionFailed(false), [session.screen]);

  // Once answered, the help call's note stays on the screen where it was answered, and goes with it.
  const answered = session.help?.answered === true;
  const step = session.screen.step;
  const [answeredOn, setAnsweredOn] = useState<string | null>(null);
  useEffect(() => setAnsweredOn((seen) => (answered ? (seen ?? step) : null)), [answered, step]);
  const showHelp = session.help !== null && (!answered || answeredOn === null || answeredOn === step);

  const act = useCallback(
    (action: PatientAction): void => {
      const guarded = !ALWAYS_ALLOWED.has(action.type);
      if (guarded && waiting.current) return;
      if (guarded) waiting.current = true;
      setActionFailed(false);
      void client
        .act(action)
        .then((result) => {
          // A lost link already shows the reconnection banner, and a touch that came as the screen
          // changed (`session.actionNotNow`) meets the new screen already: other refusals get a plain note.
          if (!result.ok && !QUIET_REFUSALS.has(result.error.code)) setActionFailed(true);
        })
        .finally(() => {
          if (guarded) waiting.current = false;
        });
    },
    [client],
  );
  const send = useMemo(() => sender(act), [act]);
  const typing = usePresenceSignal(act);

  return (
    <div className="session">
      <SessionHeader
        canGoBack={session.canGoBack}
        onBack={send('patient.back')}
        onLocale={(locale) => act({ type: 'patient.setLocale', locale })}
        onHelp={send('patient.help')}
        onQuit={() => setConfirmingQuit(true)}
      />
      {staffOnScreen && <StaffOnScreenBanner />}
      {showHelp && session.help !== null && (
        <HelpBanner
          help={session.help}
          screen={session.screen}
          onCancel={send('patient.cancelHelp')}
          onOpenAttendant={onOpenAttendant}
        />
      )}
      {actionFailed && (
        <p className="banner banner-warning" role="alert" data-testid="action-failed">
          {strings.common.actionFailed}
        </p>
      )}
      <main className="session-main">
        <TypingPresenceContext.Provider value={typing}>
          <StepView
            screen={session.screen}
            act={act}
            send={send}
            requestQuit={() => setConfirmingQuit(true)}
          />
        </TypingPresenceContext.Provider>
      </main>
      {confirmingQuit && (
        <Modal testId="quit-dialog" title={strings.quitDialog.title}>
          <p className="lead">{strings.quitDialog.body}</p>
          <div className="modal-actions">
            <ActionButton testId="quit-cancel" kind="secondary" onPress={() => setConfirmingQuit(false)}>
              {strings.quitDialog.cancel}
            </ActionButton>
            <ActionButton
              testId="quit-confirm"
              kind="danger"
              onPress={() => {
                setConfirmingQuit(false);
                act({ type: 'patient.quit' });
              }}
            >
              {strings.quitDialog.confirm}
            </ActionButton>
          </div>
        </Modal>
      )}
      {session.askingStillThere && (
        <StillThereDialog until={session.stillThereUntil} onStillHere={send('patient.stillHere')} />
      )}
    </div>
  );
}

/** The view of the step named `K`. */
type StepScreenOf<K extends StepScreen['step']> = Extract<StepScreen, { readonly step: K }>;

/** The screen of each step; a new step is a type error until it has one. */
const STEP_SCREENS: { readonly [K in StepScreen['step']]: ComponentType<StepProps<StepScreenOf<K>>> } = {
  information: InformationScreen,
  consent: ConsentScreen,
  identification: IdentificationScreen,
  appointment: AppointmentScreen,
  measurements: MeasurementsScreen,
  waitingRoom: WaitingRoomScreen,
  consultation: ConsultationScreen,
  documents: DocumentsScreen,
  payment: PaymentScreen,
  goodbye: GoodbyeScreen,
};

/** Draws the screen of step `step`, whose view is `props.screen`. */
function drawStep<K extends StepScreen['step']>(step: K, props: StepProps<StepScreenOf<K>>) {
  const Screen: ComponentType<StepProps<StepScreenOf<K>>> = STEP_SCREENS[step];
  return <Screen {...props} />;
}

/** Draws the screen of the current step. */
export function StepView(props: StepProps<StepScreen>) {
  return drawStep(props.screen.step, props);
}
