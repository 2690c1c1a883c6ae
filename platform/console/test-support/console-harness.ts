// A harness for the console's jsdom tests: mounts the page over a fake platform socket, fake media and
// the manual clock, and offers the gestures of a practitioner (click, type, choose, pick a file).
import { act, createElement } from 'react';
import { billingDetailsOf } from '../../../contract/billing';
import type {
  LoginReply,
  LoginRequest,
  PatientSummary,
  QueueEntryView,
  VisitSummary,
} from '../../../contract/platform-protocol';
import { ConsoleApp, type ConsoleDependencies } from '../console-app';
import { FakeMediaFactory } from './fake-console-media';
import { FakeTextSocketOpener, type FakeTextSocket } from '../../../test/support/fake-text-socket';
import type { LoginOutcome } from '../login';
import { storageLoginKeeper } from '../login-keeper';
import { MemoryStorage } from './memory-storage';
import { mountPage, type DomPage } from '../../../test/support/dom-page';
import { ManualClock } from '../../../test/support/manual-clock';
import { DEMO_PRACTITIONERS } from '../../server/demo-accounts';

/** The platform's login reply in the tests: the first demonstration doctor, as in every platform test. */
export const TEST_LOGIN_REPLY: LoginReply = {
  token: 'token-abc',
  expiresAt: Date.UTC(2030, 0, 1),
  professional: DEMO_PRACTITIONERS[0].professional,
};

/** The instant the tests run at (the clock never moves unless a test moves it). */
export const TEST_NOW = Date.UTC(2025, 4, 20, 12, 0, 0);

/** The mounted console and the doubles around it. */
export interface ConsolePage extends DomPage {
  readonly sockets: FakeTextSocketOpener;
  readonly media: FakeMediaFactory;
  /** The page's clock, at TEST_NOW until a test moves it. */
  readonly clock: ManualClock;
  /** The tab's storage: hand it to `openConsole` again to reload the page in the same tab. */
  readonly storage: MemoryStorage;
  /** Every login the page attempted. */
  readonly logins: LoginRequest[];
  /** The tokens the page logged out. */
  readonly logouts: string[];
  /** What the next logins answer (the test may change it). */
  loginOutcome: LoginOutcome;
  /** Chooses an option of a select. */
  choose(testId: string, value: string): Promise<void>;
  /** Puts a file into a file input, as the file picker does. */
  pickFile(testId: string, file: File): Promise<void>;
  /** Lets the platform (the test) do something, then lets the page draw it. */
  platform(action: () => void): Promise<void>;
  /** Moves the clock forward by `ms` (running what falls due), then lets the page draw it. */
  advance(ms: number): Promise<void>;
}

/** Lets pending work run: microtasks, and a macrotask too, for FileReader answers on a later task. */
async function settle(): Promise<void> {
  await act(async () => {
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 10; index += 1) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
}

/**
 * Mounts the console page: on the login form in a new tab, or as a reload of the tab whose `storage`
 * is given (with its clock, when the test moved it).
 */
export async function openConsole(
  tab: { readonly storage?: MemoryStorage; readonly clock?: ManualClock } = {},
): Promise<ConsolePage> {
  const sockets = new FakeTextSocketOpener();
  const media = new FakeMediaFactory();
  const clock = tab.clock ?? new ManualClock(TEST_NOW);
  const storage = tab.storage ?? new MemoryStorage();
  const logins: LoginRequest[] = [];
  const logouts: string[] = [];
  const dependencies: ConsoleDependencies = {
    logIn: (request) => {
      logins.push(request);
      // Read at each login: a test may change what the next logins answer.
      return Promise.resolve(page.loginOutcome);
    },
    logOut: (token) => {
      logouts.push(token);
      return Promise.resolve();
    },
    loginKeeper: storageLoginKeeper(storage),
    socketUrl: 'ws://platform.test/ws',
    openSocket: sockets.openSocket,
    media,
    clock,
  };
  const dom = await mountPage(createElement(ConsoleApp, { dependencies }), settle);
  const page: ConsolePage = {
    ...dom,
    sockets,
    media,
    clock,
    storage,
    logins,
    logouts,
    loginOutcome: { ok: true, reply: TEST_LOGIN_REPLY },
    async choose(testId, value) {
      const element = dom.get(testId) as HTMLSelectElement;
      act(() => {
        element.value = value;
        element.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle();
    },
    async pickFile(testId, file) {
      const element = dom.get(testId) as HTMLInputElement;
      Object.defineProperty(element, 'files', { value: [file], configurable: true });
      act(() => {
        element.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle();
    },
    async platform(action) {
      act(action);
      await settle();
    },
    async advance(ms) {
      await act(() => clock.advance(ms));
      await settle();
    },
  };
  return page;
}

/** The platform's welcome of the test practitioner's token. */
export const TEST_WELCOME = { type: 'welcome', role: 'practitioner', expiresAt: TEST_LOGIN_REPLY.expiresAt };

/** The console's newest socket opens and the platform welcomes it (a login, a reconnection); answers it. */
export async function welcomeNewestSocket(page: ConsolePage): Promise<FakeTextSocket> {
  const socket = page.sockets.latest;
  await page.platform(() => {
    socket.open();
    socket.push(TEST_WELCOME);
  });
  return socket;
}

/** Logs in through the form and lets the platform welcome the token; answers the socket. */
export async function logIn(page: ConsolePage): Promise<FakeTextSocket> {
  await page.type('login-id', 'c.fontaine');
  await page.type('login-password', 'secret');
  await page.click('login-submit');
  return welcomeNewestSocket(page);
}

/** The call a test takes: the waiting patient, who they are, and what the cabin says of the visit. */
export interface TestCall {
  readonly entry: QueueEntryView;
  readonly patient: PatientSummary;
  /** Default: French screens, no cover. */
  readonly visit?: VisitSummary;
}

/**
 * Opens the console, logs in, takes `call.entry` from the waiting room in direct mode, and lets the
 * platform start the call with its patient; the page stays mounted until the test unmounts it.
 */
export async function takeDirectCall(call: TestCall): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const page = await openConsole();
  const socket = await logIn(page);
  await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [call.entry] }));
  await page.click(`accept-${call.entry.sessionId}`);
  await page.platform(() => {
    socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
    socket.push({
      type: 'call.started',
      sessionId: call.entry.sessionId,
      patient: call.patient,
      billing: billingDetailsOf(call.patient, null, false),
      visit: call.visit ?? { locale: 'fr', cover: null },
      consent: null,
      measurements: [],
    });
  });
  return { page, socket };
}
