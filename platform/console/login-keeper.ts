// The practitioner's login kept across a reload of the console, in the tab's sessionStorage: a reload
// in the middle of a call finds the desk and the call again, without typing the password.
// Why sessionStorage rather than an HttpOnly cookie: it belongs to this tab and this origin and dies with
// the tab; it is never sent by the browser on its own, so no other site can make a request or open a
// WebSocket with it (the hello carries the token explicitly); the strict CSP (scripts of the console's
// own files only, no inline script) keeps other scripts from reading it. A cookie would be sent with
// every request of every tab and ask for CSRF and Origin defences on the login and the WebSocket.
// The token's life stays bounded: the platform refuses it after `expiresAt` (8 h by default), the kept
// copy is dropped from that time, at logout, and when the platform ends the session.
import type { LoginReply } from '../../contract/platform-protocol';
import { isLoginReply } from './login';

/** The key of the kept login in the tab's storage. */
export const LOGIN_STORAGE_KEY = 'cabine.console.login';

/** What the console keeps of its login across a reload of the page. */
export interface LoginKeeper {
  /** The kept login, if there is one that has not expired at `now` (epoch ms); an expired one is dropped. */
  load(now: number): LoginReply | null;
  /** Keeps the login of the practitioner who just logged in. */
  save(reply: LoginReply): void;
  /** Forgets the kept login (logout, session ended). */
  clear(): void;
}

/** The part of the Web Storage API the keeper uses (the tab's sessionStorage in the page). */
export type KeeperStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A keeper over `storage`. Storage that throws (disabled, full, a privacy mode) keeps nothing: the
 * practitioner logs in again after a reload, as without a keeper.
 */
export function storageLoginKeeper(storage: KeeperStorage | null): LoginKeeper {
  const attempt = <T>(action: (store: KeeperStorage) => T, otherwise: T): T => {
    if (storage === null) return otherwise;
    try {
      return action(storage);
    } catch {
      return otherwise;
    }
  };
  const clear = (): void => attempt((store) => store.removeItem(LOGIN_STORAGE_KEY), undefined);
  return {
    load(now) {
      const text = attempt((store) => store.getItem(LOGIN_STORAGE_KEY), null);
      if (text === null) return null;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = null;
      }
      if (!isLoginReply(value) || value.expiresAt <= now) {
        clear();
        return null;
      }
      return value;
    },
    save(reply) {
      attempt((store) => store.setItem(LOGIN_STORAGE_KEY, JSON.stringify(reply)), undefined);
    },
    clear,
  };
}
