// A running patient session: the header, the help and still-there prompts, and the current step's screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import type { SessionView, StepScreen } from '../../contract/cabin-view';
import type { PatientAction } from '../../contract/patient-action';
import { ActionButton } from '../components/action-button';
import { Modal } from '../components/modal';
import { SessionHeader } from '../components/session-header';
import { StaffButton } from '../components/staff-button';
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
import type { StepProps } from './step-props';
import { WaitingRoomScreen } from './waiting-room-screen';

/** Actions that must get through even while another action waits for its answer. */
const ALWAYS_ALLOWED: ReadonlySet<PatientAction['type']> = new Set([
  'patient.help',
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
}

/** Draws the session; a second step action is ignored until the first is answered (double taps on touch screens). */
export function SessionScreen({ session, client, onOpenAttendant }: SessionScreenProps) {
  const { strings } = useUi();
  const [confirmingQuit, setConfirmingQuit] = useState(false);
  const [actionFailed, setActionFailed] = useState(false);
  const waiting = useRef(false);

  useEffect(() => setActionFailed(false), [session.screen]);

  const act = useCallback(
    (action: PatientAction): void => {
      const guarded = !ALWAYS_ALLOWED.has(action.type);
      if (guarded && waiting.current) return;
      if (guarded) waiting.current = true;
      setActionFailed(false);
      void client
        .act(action)
        .then((result) => {
          // A lost link already shows the reconnection banner; other refusals get a plain note.
          if (!result.ok && result.error.code !== 'transport.unavailable') setActionFailed(true);
        })
        .finally(() => {
          if (guarded) waiting.current = false;
        });
    },
    [client],
  );

  return (
    <div className="session">
      <SessionHeader
        canGoBack={session.canGoBack}
        onBack={() => act({ type: 'patient.back' })}
        onLocale={(locale) => act({ type: 'patient.setLocale', locale })}
        onHelp={() => act({ type: 'patient.help' })}
        onQuit={() => setConfirmingQuit(true)}
      />
      {session.helpRequested && (
        <div className="help-row">
          <p className="banner banner-help" role="status" data-testid="help-banner">
            {strings.helpBanner}
          </p>
          {onOpenAttendant !== undefined && <StaffButton onOpen={onOpenAttendant} />}
        </div>
      )}
      {actionFailed && (
        <p className="banner banner-warning" role="alert" data-testid="action-failed">
          {strings.common.actionFailed}
        </p>
      )}
      <main className="session-main">
        <StepView screen={session.screen} act={act} requestQuit={() => setConfirmingQuit(true)} />
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
        <Modal testId="still-there-dialog" title={strings.stillThere.title}>
          <p className="lead">{strings.stillThere.body}</p>
          <div className="modal-actions">
            <ActionButton testId="still-here" onPress={() => act({ type: 'patient.stillHere' })}>
              {strings.stillThere.confirm}
            </ActionButton>
          </div>
        </Modal>
      )}
    </div>
  );
}

/** Draws the screen of the current step; the `never` check makes a new step a type error until drawn. */
export function StepView({ screen, act, requestQuit }: StepProps<StepScreen>) {
  switch (screen.step) {
    case 'information':
      return <InformationScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'consent':
      return <ConsentScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'identification':
      return <IdentificationScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'appointment':
      return <AppointmentScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'measurements':
      return <MeasurementsScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'waitingRoom':
      return <WaitingRoomScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'consultation':
      return <ConsultationScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'documents':
      return <DocumentsScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'payment':
      return <PaymentScreen screen={screen} act={act} requestQuit={requestQuit} />;
    case 'goodbye':
      return <GoodbyeScreen screen={screen} act={act} requestQuit={requestQuit} />;
    default: {
      const unknown: never = screen;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}
