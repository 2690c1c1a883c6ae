// The practitioner's login over HTTP: `POST /api/login` with LoginRequest answers a LoginReply, 401 when
// the login or password is wrong. The reply is kept for the tab's life by login-keeper.ts.
import { PROFESSIONS } from '../../contract/domain';
import type { LoginReply, LoginRequest } from '../../contract/platform-protocol';
import { integer, matching, object, oneOf, text } from '../../contract/schema';

/** The path of the login endpoint on the platform's origin. */
export const LOGIN_PATH = '/api/login';

/** The path of the logout endpoint on the platform's origin. */
export const LOGOUT_PATH = '/api/logout';

/** Ends a token on the platform (the practitioner logged out); never fails: the token dies at its expiry anyway. */
export type LogOut = (token: string) => Promise<void>;

/** The logout over `fetch` on the page's origin; an unreachable platform changes nothing for the page. */
export function httpLogOut(fetchFunction: typeof fetch, url: string = LOGOUT_PATH): LogOut {
  return async (token) => {
    try {
      await fetchFunction(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      // The page forgot the token already; the platform refuses it at its expiry.
    }
  };
}

/** What a login attempt gave: the reply, or why there is none. */
export type LoginOutcome =
  | { readonly ok: true; readonly reply: LoginReply }
  | { readonly ok: false; readonly problem: 'refused' | 'unreachable' };

/** Logs in with the given credentials. */
export type LogIn = (request: LoginRequest) => Promise<LoginOutcome>;

const loginReply = object({
  token: text(200, 1),
  expiresAt: integer(0, 8_640_000_000_000_000),
  professional: object({
    civility: text(20),
    name: text(80, 1),
    profession: oneOf(PROFESSIONS),
    specialty: text(80),
    rpps: matching(/^\d{11}$/, 11),
    address: text(160),
  }),
});

/** Whether `value` has the shape of a login reply (from the platform, or kept across a reload). */
export function isLoginReply(value: unknown): value is LoginReply {
  return loginReply(value, 'login') === null;
}

/** The login over `fetch` on the page's origin: 401 is a refusal, anything unexpected is "unreachable". */
export function httpLogIn(fetchFunction: typeof fetch, url: string = LOGIN_PATH): LogIn {
  return async (request) => {
    let response: Response;
    try {
      response = await fetchFunction(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return { ok: false, problem: 'unreachable' };
    }
    // 400: a login or password the platform cannot even read (too long): a refusal all the same.
    if (response.status === 401 || response.status === 400) return { ok: false, problem: 'refused' };
    if (!response.ok) return { ok: false, problem: 'unreachable' };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, problem: 'unreachable' };
    }
    if (!isLoginReply(body)) return { ok: false, problem: 'unreachable' };
    return { ok: true, reply: body };
  };
}
