// The staff panel of an open staff session: the cabin for both roles, and for the technician the
// devices, the procedures, the register and the export. It closes by itself after the session's idle
// time without a touch, when the cabin says the session ended, and on "Fermer" (which logs out).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CabinClient } from '../../contract/cabin-api';
import type { CabinView } from '../../contract/cabin-view';
import { LOCALES, type Locale, type MeasurementKind } from '../../contract/domain';
import type { CabinError, Result } from '../../contract/result';
import type { StaffCommand, StaffSession } from '../../contract/staff';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { LanguageButton } from '../components/language-button';
import { sendStaff, STAFF_SESSION_ENDED, type StaffValue } from '../staff-calls';
import { useUi } from '../ui-context';
import { AttendantPanel } from './attendant-panel';
import { ExportForm } from './export-form';
import { useIdleClose } from './idle-close';
import { ProcedureScreen } from './procedure-screen';
import { RegisterPanel } from './register-panel';
import { TechnicianDevices } from './technician-devices';

/** Runs one staff command in the open session; its value is typed by the command. */
export type StaffRun = <C extends StaffCommand>(
  command: C,
) => Promise<Result<StaffValue<C['type']>, CabinError>>;

/** The parts of the technician's panel, in the order of its tabs. */
const TECHNICIAN_TABS = ['cabin', 'devices', 'procedure', 'register', 'export'] as const;

type Tab = (typeof TECHNICIAN_TABS)[number];

/** Props of StaffPanel. */
export interface StaffPanelProps {
  readonly view: CabinView | null;
  readonly client: CabinClient;
  readonly session: StaffSession;
  /** The panel is done: idle, ended by the cabin, or closed. */
  readonly onClose: () => void;
  /** The staff's own language button: it changes the staff screens only, never a session's language. */
  readonly onLocale: (locale: Locale) => void;
}

/** The staff panel (`data-screen="staff-panel"`): the idle timer, the running-session note, the tabs and "Fermer". */
export function StaffPanel({ view, client, session, onClose, onLocale }: StaffPanelProps) {
  const { strings } = useUi();
  const s = strings.staff;
  const [tab, setTab] = useState<Tab>('cabin');
  const [procedureDevice, setProcedureDevice] = useState<MeasurementKind | null>(null);
  const closer = useRef(onClose);
  useEffect(() => {
    closer.current = onClose;
  }, [onClose]);
  // Every touch, key and command starts the idle time again; the traffic monitor's polling is no touch,
  // so a panel left open on a device's traffic still closes by itself.
  const { touch, handlers } = useIdleClose(session.idleMs, onClose);

  const run: StaffRun = useCallback(
    async (command) => {
      if (command.type !== 'technician.traffic') touch();
      const result = await sendStaff(client, session.token, command);
      if (!result.ok && result.error.code === STAFF_SESSION_ENDED) closer.current();
      return result;
    },
    [client, session.token, touch],
  );

  const close = (): void => {
    void sendStaff(client, session.token, { type: 'staff.logout' });
    onClose();
  };

  const verify = (kind: MeasurementKind): void => {
    setProcedureDevice(kind);
    setTab('procedure');
  };

  // The cabin says the staff session ended (from another screen, or its own idle time): the panel goes.
  const onScreen = view?.staff.onScreen ?? null;
  const wasOnScreen = useRef(onScreen);
  useEffect(() => {
    if (wasOnScreen.current !== null && onScreen === null) closer.current();
    wasOnScreen.current = onScreen;
  }, [onScreen]);

  // The procedure stays mounted under the other tabs: a run goes on while the technician looks elsewhere.
  const procedure = session.role === 'technician' && (
    <div hidden={tab !== 'procedure'}>
      <ProcedureScreen
        run={run}
        maintenance={view?.phase === 'maintenance'}
        device={procedureDevice}
        onDevice={setProcedureDevice}
      />
    </div>
  );
  let body: ReactNode;
  switch (tab) {
    case 'cabin':
      body = <AttendantPanel view={view} run={run} />;
      break;
    case 'devices':
      body = <TechnicianDevices view={view} run={run} onVerify={verify} />;
      break;
    case 'procedure':
      body = null;
      break;
    case 'register':
      body = <RegisterPanel run={run} />;
      break;
    case 'export':
      body = <ExportForm run={run} />;
      break;
    default: {
      const unknown: never = tab;
      body = unknown;
    }
  }

  return (
    <section className="screen staff-panel" data-screen="staff-panel" data-role={session.role} {...handlers}>
      <header className="status-header">
        <LanguageButton onChange={onLocale} />
      </header>
      {view?.session != null && (
        <p className="banner banner-warning" role="status" data-testid="staff-session-running">
          {s.sessionRunning}
        </p>
      )}
      {view?.session != null && (
        <div className="choice-group" role="group" aria-label={s.patientLanguage}>
          <span className="staff-patient-language">{s.patientLanguage}</span>
          {LOCALES.map((choice) => (
            <ChoiceButton
              key={choice}
              testId={`patient-locale-${choice}`}
              lang={choice}
              chosen={choice === view.session?.locale}
              announce="pressed"
              onPress={() => {
                touch();
                void client.act({ type: 'patient.setLocale', locale: choice });
              }}
            >
              {strings.languageNames[choice]}
            </ChoiceButton>
          ))}
        </div>
      )}
      <h1 className="screen-title">{s.panelTitles[session.role]}</h1>
      {session.role === 'technician' && (
        <nav className="choice-group staff-tabs" aria-label={s.panelTitles.technician}>
          {TECHNICIAN_TABS.map((name) => (
            <ChoiceButton
              key={name}
              testId={`staff-tab-${name}`}
              chosen={name === tab}
              announce="pressed"
              onPress={() => setTab(name)}
            >
              {s.tabs[name]}
            </ChoiceButton>
          ))}
        </nav>
      )}
      <div className="screen-body">
        {body}
        {procedure}
      </div>
      <div className="screen-actions">
        <ActionButton testId="staff-close" kind="secondary" onPress={close}>
          {s.close}
        </ActionButton>
      </div>
    </section>
  );
}
