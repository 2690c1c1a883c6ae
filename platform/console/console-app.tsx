// The practitioner console: the login form, then the desk (waiting room or consultation). The login is
// kept for the tab's life (login-keeper.ts): a reload opens the desk again, and the platform gives back
// the call the page was in.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Clock } from '../../contract/clock';
import type { LoginReply } from '../../contract/platform-protocol';
import type { WebSocketLike } from '../../contract/socket-client';
import { CallView } from './call-view';
import type { MediaFactory } from './console-media';
import { PROFESSION_LABELS } from './french-format';
import type { LogIn, LogOut } from './login';
import type { LoginKeeper } from './login-keeper';
import { LoginForm } from './login-form';
import type { SessionEnd } from './desk-view';
import { PractitionerDesk } from './practitioner-desk';
import { WaitingRoom } from './waiting-room';

/** Everything the console reaches outside itself: the browser's in the page, doubles in tests. */
export interface ConsoleDependencies {
  readonly logIn: LogIn;
  /** Ends the token on the platform when the practitioner logs out. */
  readonly logOut: LogOut;
  /** Where the login survives a reload of the page (the tab's sessionStorage in the page). */
  readonly loginKeeper: LoginKeeper;
  /** The platform's WebSocket URL (`/ws` on the page's origin). */
  readonly socketUrl: string;
  /** Builds the WebSocket to the platform (the browser's in the page). */
  readonly openSocket: (url: string) => WebSocketLike;
  readonly media: MediaFactory;
  readonly clock: Clock;
}

const SESSION_END_NOTICES: Readonly<Record<SessionEnd, string>> = {
  expired: 'Votre session a expiré, reconnectez-vous.',
  replaced: 'Votre session a été ouverte dans une autre fenêtre. Reconnectez-vous pour continuer ici.',
};

/** The whole console page. */
export function ConsoleApp({ dependencies }: { readonly dependencies: ConsoleDependencies }) {
  const keeper = dependencies.loginKeeper;
  const [login, setLogin] = useState<LoginReply | null>(() => keeper.load(dependencies.clock.now()));
  const [notice, setNotice] = useState<string | null>(null);

  if (login === null) {
    return (
      <LoginForm
        logIn={dependencies.logIn}
        notice={notice}
        onLoggedIn={(reply) => {
          keeper.save(reply);
          setNotice(null);
          setLogin(reply);
        }}
      />
    );
  }
  return (
    <Desk
      key={login.token}
      login={login}
      dependencies={dependencies}
      onLeave={(reason) => {
        keeper.clear();
        if (reason === null) void dependencies.logOut(login.token);
        setLogin(null);
        setNotice(reason === null ? null : SESSION_END_NOTICES[reason]);
      }}
    />
  );
}

/** Builds the desk of one login and draws it until the practitioner leaves or the session ends. */
function Desk({
  login,
  dependencies,
  onLeave,
}: {
  readonly login: LoginReply;
  readonly dependencies: ConsoleDependencies;
  readonly onLeave: (reason: SessionEnd | null) => void;
}) {
  const [desk, setDesk] = useState<PractitionerDesk | null>(null);
  const [leave] = useState(() => onLeave);
  useEffect(() => {
    const created = new PractitionerDesk({
      token: login.token,
      expiresAt: login.expiresAt,
      professional: login.professional,
      socketUrl: dependencies.socketUrl,
      openSocket: dependencies.openSocket,
      media: dependencies.media,
      clock: dependencies.clock,
      onSessionEnd: (reason) => leave(reason),
    });
    setDesk(created);
    created.start();
    return () => created.stop();
  }, [login, dependencies, leave]);

  if (desk === null) return null;
  return <DeskScreen desk={desk} dependencies={dependencies} onLogOut={() => leave(null)} />;
}

/** The logged-in screen: header, messages, then the waiting room or the call. */
function DeskScreen({
  desk,
  dependencies,
  onLogOut,
}: {
  readonly desk: PractitionerDesk;
  readonly dependencies: ConsoleDependencies;
  readonly onLogOut: () => void;
}) {
  const view = useSyncExternalStore(desk.subscribe, desk.getView);
  const professional = view.professional;
  return (
    <div className="desk">
      <header className="topbar">
        <div className="brand">Cabine · Console</div>
        <div className="who">
          <strong>
            {professional.civility} {professional.name}
          </strong>
          <span className="muted">
            {PROFESSION_LABELS[professional.profession]}
            {professional.specialty === '' ? '' : ` · ${professional.specialty}`}
          </span>
        </div>
        <div className={`link link-${view.link}`} role="status" data-testid="link-state">
          {view.link === 'online'
            ? 'Connecté'
            : view.link === 'connecting'
              ? 'Connexion…'
              : 'Connexion au serveur perdue. Nouvelle tentative…'}
        </div>
        {view.call === null && (
          <button type="button" className="quiet" data-testid="logout" onClick={onLogOut}>
            Se déconnecter
          </button>
        )}
      </header>
      <main className="desk-main">
        {view.error !== null && (
          <div className="alert alert-error" role="alert">
            <span data-testid="console-error">{view.error}</span>
            <button
              type="button"
              className="quiet"
              aria-label="Fermer le message"
              onClick={() => desk.showError(null)}
            >
              Fermer
            </button>
          </div>
        )}
        {view.call === null ? (
          <>
            {view.endedMessage !== null && (
              <div className="alert alert-info" role="status">
                <span data-testid="call-ended-message">{view.endedMessage}</span>
                <button type="button" className="quiet" onClick={() => desk.dismissEndedMessage()}>
                  Fermer
                </button>
              </div>
            )}
            <WaitingRoom
              queue={view.queue}
              accepting={view.accepting}
              online={view.link === 'online'}
              clock={dependencies.clock}
              onAccept={(sessionId) => void desk.accept(sessionId)}
            />
          </>
        ) : (
          <CallView
            call={view.call}
            professional={view.professional}
            clock={dependencies.clock}
            onRequestMeasurement={(kind) => void desk.requestMeasurement(kind)}
            onSendDocument={(document) => desk.pushDocument(document)}
            onComposeDocument={(document) => desk.composeDocument(document)}
            onProblem={(message) => desk.showError(message)}
            onEnd={() => void desk.endCall()}
            onAnswerHelp={() => void desk.answerHelp()}
            onSendChat={(text) => desk.sendChat(text)}
            onRequestInstrument={(kind) => void desk.instruments.request(kind)}
            onEndInstrument={() => void desk.instruments.end()}
            onTakeStill={(video) => void desk.instruments.takeStill(video)}
          />
        )}
      </main>
    </div>
  );
}
