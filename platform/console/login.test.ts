// The login over HTTP, against a fetch double answering like the platform.
import { describe, expect, it } from 'vitest';
import { httpLogIn, httpLogOut, LOGIN_PATH, LOGOUT_PATH } from './login';
import { TEST_LOGIN_REPLY as REPLY } from './test-support/console-harness';

function answering(status: number, body: unknown): { fetch: typeof fetch; requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: (input, init) => {
      const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
      requests.push(new Request(`http://platform.test${path}`, init));
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    },
  };
}

describe('logging in over HTTP', () => {
  it('posts the login and password as JSON and answers the token', async () => {
    const platform = answering(200, REPLY);
    await expect(httpLogIn(platform.fetch)({ login: 'c.fontaine', password: 'secret' })).resolves.toEqual({
      ok: true,
      reply: REPLY,
    });
    const request = platform.requests[0];
    expect(request?.method).toBe('POST');
    expect(new URL(request?.url ?? '').pathname).toBe(LOGIN_PATH);
    await expect(request?.json()).resolves.toEqual({ login: 'c.fontaine', password: 'secret' });
  });

  it('tells a refusal from a platform that cannot answer', async () => {
    const credentials = { login: 'c.fontaine', password: 'wrong' };
    await expect(httpLogIn(answering(401, { code: 'auth.invalid' }).fetch)(credentials)).resolves.toEqual({
      ok: false,
      problem: 'refused',
    });
    await expect(httpLogIn(answering(500, {}).fetch)(credentials)).resolves.toEqual({
      ok: false,
      problem: 'unreachable',
    });
    await expect(httpLogIn(answering(200, { token: 42 }).fetch)(credentials)).resolves.toEqual({
      ok: false,
      problem: 'unreachable',
    });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(httpLogIn(offline)(credentials)).resolves.toEqual({ ok: false, problem: 'unreachable' });
  });
});

describe('logging out over HTTP', () => {
  it('posts the token to end it, and never fails, even offline', async () => {
    const platform = answering(204, null);
    await expect(httpLogOut(platform.fetch)('token-abc')).resolves.toBeUndefined();
    expect(new URL(platform.requests[0]?.url ?? '').pathname).toBe(LOGOUT_PATH);
    await expect(platform.requests[0]?.json()).resolves.toEqual({ token: 'token-abc' });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(httpLogOut(offline)('token-abc')).resolves.toBeUndefined();
  });
});
