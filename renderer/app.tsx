// The root of the patient screens: follows the controller's view and draws the screen it calls for.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { WelcomeChoices } from '../contract/cabin-api';
import type { CabinView } from '../contract/cabin-view';
import type { Accessibility, Locale } from '../contract/domain';
import type { StaffSession } from '../contract/staff';
import type { CabinTransport } from './cabin-client';
import { LanguageButton } from './components/language-button';
import { SpeechControls } from './components/speech-controls';
import { StaffButton } from './components/staff-button';
import { t } from './i18n';
import { SessionScreen } from './screens/session-screen';
import { StatusScreen } from './screens/status-screen';
import { WelcomeScreen } from './screens/welcome-screen';
import { StaffCorner } from './staff/staff-corner';
import { StaffLogin } from './staff/staff-login';
import { StaffPanel } from './staff/staff-panel';
import { StaffPinsSetup } from './staff/staff-pins-setup';
import { UiContext, type Ui } from './ui-context';
import { browserMediaEnvironment, MediaContext, type MediaEnvironment } from './video/media-environment';

/** The staff's way in on this screen: closed, the login, or an open staff session's panel. */
type StaffEntry = 'closed' | 'login' | StaffSession;

/** The address fragment that opens the staff login from a staff device (`…/index.html#attendant`). */
export const ATTENDANT_HASH = '#attendant';

/** The controller's answer to startSession while a card is left in the reader. */
export const CARD_LEFT_IN_READER = 'cabin.cardLeftInReader';

/** The controller's answer to startSession while the cabin waits for its cleaning (the view says it too). */
export const WAITING_FOR_CLEANING = 'cabin.waitingForCleaning';

/** How long to wait before asking for the view again after a failed getView. */
const VIEW_RETRY_MS = 1000;

/** The welcome screen's choices when no session has changed them: French, without options. */
const DEFAULT_WELCOME: WelcomeChoices = {
  locale: 'fr',
  accessibility: { largeText: false, readAloud: false },
};

/** The app's memory: the last view, a key that changes with each new session, and the welcome choices. */
export interface AppState {
  readonly view: CabinView | null;
  /** Incremented when a session appears, so nothing typed in one session survives into the next. */
  readonly sessionKey: number;
  /** What the welcome screen shows and the next session starts with. */
  readonly welcome: WelcomeChoices;
  /** The controller refused the last start because a card was left in the reader; cleared by the next view. */
  readonly cardRefused: boolean;
}

/** A change to the app's memory. */
export type AppChange =
  | { readonly type: 'view'; readonly view: CabinView }
  | { readonly type: 'welcome'; readonly choice: Partial<WelcomeChoices> }
  | { readonly type: 'cardRefused'; readonly refused: boolean };

/** The app's memory before the first view. */
export const INITIAL_APP_STATE: AppState = {
  view: null,
  sessionKey: 0,
  welcome: DEFAULT_WELCOME,
  cardRefused: false,
};

/**
 * Applies a change; when a session ends, the welcome choices go back to French without options. A new
 * view replaces a refusal for a card left in the reader (the view says where the card is).
 */
export function reduceAppState(state: AppState, change: AppChange): AppState {
  switch (change.type) {
    case 'view': {
      const hadSession = state.view?.session != null;
      const hasSession = change.view.session !== null;
      const next = { ...state, view: change.view, cardRefused: false };
      if (!hadSession && hasSession) return { ...next, sessionKey: state.sessionKey + 1 };
      if (hadSession && !hasSession) return { ...next, welcome: DEFAULT_WELCOME };
      return next;
    }
    case 'cardRefused':
      return { ...state, cardRefused: change.refused };
    case 'welcome':
      return { ...state, welcome: { ...state.welcome, ...change.choice } };
    default: {
      const unknown: never = change;
      return unknown;
    }
  }
}

/** The app's classes for the patient's comfort choices: `large-text`, `high-contrast` (styles.css). */
export function appClassName(accessibility: Accessibility): string {
  return `app${accessibility.largeText ? ' large-text' : ''}${accessibility.highContrast === true ? ' high-contrast' : ''}`;
}

/** Props of App. */
export interface AppProps {
  readonly transport: CabinTransport;
  /** The camera, microphone and video link; the browser's over `transport` unless given (screen tests). */
  readonly media?: MediaEnvironment;
}

/** Follows the controller's view over the transport (asking for it at load and after each reconnection). */
export function App({ transport, media }: AppProps) {
  const [state, dispatch] = useReducer(reduceAppState, INITIAL_APP_STATE);
  const environment = useMemo(() => media ?? browserMediaEnvironment(transport), [media, transport]);
  const [connected, setConnected] = useState(() => transport.isConnected());
  const [startFailed, setStartFailed] = useState(false);
  const [staffLocale, setStaffLocale] = useState<Locale | null>(null);
  const [staff, setStaff] = useState<StaffEntry>(() =>
    window.location.hash === ATTENDANT_HASH ? 'login' : 'closed',
  );
  const eventCount = useRef(0);
  const starting = useRef(false);

  const refresh = useCallback(
    async (isCurrent: () => boolean): Promise<void> => {
      const seen = eventCount.current;
      const result = await transport.client.getView();
      if (!isCurrent()) return;
      // A view pushed while getView was in flight is newer than its answer.
      if (result.ok) {
        if (eventCount.current === seen) dispatch({ type: 'view', view: result.value });
      } else if (transport.isConnected()) {
        setTimeout(() => {
          if (isCurrent()) void refresh(isCurrent);
        }, VIEW_RETRY_MS);
      }
    },
    [transport],
  );

  useEffect(() => {
    let mounted = true;
    const isCurrent = (): boolean => mounted;
    const offEvent = transport.onEvent((event) => {
      eventCount.current += 1;
      dispatch({ type: 'view', view: event.view });
    });
    const offLink = transport.onConnectionChange((isConnected) => {
      setConnected(isConnected);
      // The controller holds the session: after a reconnection, ask where we are.
      if (isConnected) void refresh(isCurrent);
    });
    setConnected(transport.isConnected());
    void refresh(isCurrent);
    return () => {
      mounted = false;
      offEvent();
      offLink();
    };
  }, [transport, refresh]);

  const { view, sessionKey, welcome, cardRefused } = state;
  const session = view?.session ?? null;
  const locale = session?.locale ?? welcome.locale;
  const accessibility = session?.accessibility ?? welcome.accessibility;
  const ui: Ui = { locale, strings: t(locale), readAloud: accessibility.readAloud };

  // The staff panel may show in its own language; the document follows what is on screen.
  const staffLanguage = staffLocale ?? locale;
  const shown = t(staff === 'closed' ? locale : staffLanguage).meta;
  useEffect(() => {
    document.documentElement.lang = shown.htmlLang;
    document.documentElement.dir = shown.dir;
  }, [shown]);

  useEffect(() => {
    const onHash = (): void => {
      if (window.location.hash === ATTENDANT_HASH)
        setStaff((entry) => (entry === 'closed' ? 'login' : entry));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const openStaff = useCallback((): void => setStaff((entry) => (entry === 'closed' ? 'login' : entry)), []);
  const closeStaff = useCallback((): void => {
    setStaff('closed');
    setStaffLocale(null);
    if (window.location.hash === ATTENDANT_HASH) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }, []);

  const startSession = (): void => {
    if (starting.current) return;
    starting.current = true;
    setStartFailed(false);
    dispatch({ type: 'cardRefused', refused: false });
    void transport.client
      .startSession(welcome)
      .then((result) => {
        if (!result.ok && result.error.code === CARD_LEFT_IN_READER) {
          dispatch({ type: 'cardRefused', refused: true });
          return;
        }
        // A cabin waiting for its cleaning says so on the welcome screen already, from the view.
        const said = ['transport.unavailable', WAITING_FOR_CLEANING];
        setStartFailed(!result.ok && !said.includes(result.error.code));
      })
      .finally(() => {
        starting.current = false;
      });
  };

  const setIdleLocale = (next: Locale): void => dispatch({ type: 'welcome', choice: { locale: next } });

  let content: ReactNode;
  if (staff !== 'closed') {
    // The login and the panel replace the screens, so nothing of the patient is on screen meanwhile.
    // They open in the screens' language; their own language button changes them only.
    content = (
      <UiContext.Provider
        value={{ ...ui, locale: staffLanguage, strings: t(staffLanguage), readAloud: false }}
      >
        {staff === 'login' ? (
          <StaffLogin
            view={view}
            client={transport.client}
            onOpened={setStaff}
            onCancel={closeStaff}
            onLocale={setStaffLocale}
          />
        ) : (
          <StaffPanel
            view={view}
            client={transport.client}
            session={staff}
            onClose={closeStaff}
            onLocale={setStaffLocale}
          />
        )}
      </UiContext.Provider>
    );
  } else if (session !== null) {
    content = (
      <SessionScreen
        key={sessionKey}
        session={session}
        client={transport.client}
        onOpenAttendant={view?.attendantCalled === true ? openStaff : undefined}
        staffOnScreen={view?.staff.onScreen != null}
      />
    );
  } else if (view?.staff.pinsNeeded === true) {
    content = <StaffPinsSetup client={transport.client} onLocale={setIdleLocale} />;
  } else if (view === null || view.phase === 'booting') {
    content = <StatusScreen status="booting" />;
  } else if (view.phase === 'ready') {
    content = (
      <>
        {startFailed && (
          <p className="banner banner-warning" role="alert" data-testid="action-failed">
            {ui.strings.common.actionFailed}
          </p>
        )}
        <WelcomeScreen
          accessibility={welcome.accessibility}
          onLocaleChange={setIdleLocale}
          onAccessibilityChange={(next) => dispatch({ type: 'welcome', choice: { accessibility: next } })}
          onStart={startSession}
          cardInReader={view.cardInReader}
          cardRefused={cardRefused}
          waitingForCleaning={view.waitingForCleaning}
          subtitlesOffered={view.subtitlesOffered === true}
        />
      </>
    );
  } else {
    content = (
      <>
        <header className="status-header">
          <LanguageButton onChange={setIdleLocale} />
        </header>
        <StatusScreen
          status={view.phase === 'inSession' ? 'loading' : view.phase}
          message={view.outOfServiceMessage}
        />
      </>
    );
  }

  return (
    <UiContext.Provider value={ui}>
      <MediaContext.Provider value={environment}>
        <div className={appClassName(accessibility)} lang={shown.htmlLang} dir={shown.dir}>
          {!connected && view !== null && (
            <p className="banner banner-connection" role="status" data-testid="reconnecting">
              {ui.strings.connection.reconnecting}
            </p>
          )}
          {ui.readAloud && staff === 'closed' && <SpeechControls />}
          {/* The session screen has its own <main> under its header; every other screen is the main part. */}
          {session !== null && staff === 'closed' ? content : <main className="app-main">{content}</main>}
          {staff === 'closed' && session === null && view?.staff.pinsNeeded !== true && (
            <StaffButton onOpen={openStaff} />
          )}
          {staff === 'closed' && <StaffCorner onOpen={openStaff} />}
        </div>
      </MediaContext.Provider>
    </UiContext.Provider>
  );
}
