// Entry point of the practitioner console page: the browser's WebSocket, fetch, camera and clock.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { systemClock } from '../../contract/clock';
import { PLATFORM_SOCKET_PATH } from '../../contract/platform-protocol';
import { ConsoleApp, type ConsoleDependencies } from './console-app';
import { browserMediaFactory } from './browser-media';
import { httpLogIn, httpLogOut } from './login';
import { storageLoginKeeper } from './login-keeper';

/** The tab's sessionStorage, or null where the browser refuses it (the login is then not kept). */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
const dependencies: ConsoleDependencies = {
  logIn: httpLogIn(window.fetch.bind(window)),
  logOut: httpLogOut(window.fetch.bind(window)),
  loginKeeper: storageLoginKeeper(tabStorage()),
  socketUrl: `${scheme}//${window.location.host}${PLATFORM_SOCKET_PATH}`,
  openSocket: (url) => new WebSocket(url),
  media: browserMediaFactory(),
  clock: systemClock,
};

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ConsoleApp dependencies={dependencies} />
  </StrictMode>,
);
