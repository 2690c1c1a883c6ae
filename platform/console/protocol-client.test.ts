// @vitest-environment jsdom
// The console's protocol client against a fake platform socket: hello, welcome, replies matched by
// requestId, pushes handed over, malformed frames dropped, and what happens when the socket closes.
import { describe, expect, it } from 'vitest';
import type { PractitionerPush, Welcome } from '../../contract/platform-protocol';
import { FakeSocketOpener } from './fake-platform-socket';
import { PractitionerProtocolClient, SOCKET_UNAVAILABLE } from './protocol-client';

function connect(): {
  client: PractitionerProtocolClient;
  opener: FakeSocketOpener;
  welcomes: Welcome[];
  pushes: PractitionerPush[];
  closes: number[];
} {
  const opener = new FakeSocketOpener();
  const welcomes: Welcome[] = [];
  const pushes: PractitionerPush[] = [];
  const closes: number[] = [];
  const client = new PractitionerProtocolClient({
    url: 'ws://platform.test/ws',
    token: 'token-1',
    openSocket: opener.open,
    events: {
      onWelcome: (welcome) => welcomes.push(welcome),
      onPush: (push) => pushes.push(push),
      onClose: (code) => closes.push(code),
    },
  });
  return { client, opener, welcomes, pushes, closes };
}

function welcomed(): ReturnType<typeof connect> {
  const connection = connect();
  connection.opener.latest.acceptConnection();
  connection.opener.latest.push({ type: 'welcome', role: 'practitioner', expiresAt: 2_000_000_000_000 });
  return connection;
}

describe('the practitioner protocol client', () => {
  it('says hello with the token as soon as the socket opens, and reports the welcome', () => {
    const { client, opener, welcomes } = connect();
    expect(opener.latest.url).toBe('ws://platform.test/ws');
    expect(client.ready).toBe(false);
    opener.latest.acceptConnection();
    expect(opener.latest.sent()).toEqual([{ type: 'hello', role: 'practitioner', token: 'token-1' }]);
    opener.latest.push({ type: 'welcome', role: 'practitioner', expiresAt: 2_000_000_000_000 });
    expect(welcomes).toEqual([{ type: 'welcome', role: 'practitioner', expiresAt: 2_000_000_000_000 }]);
    expect(client.ready).toBe(true);
  });

  it('refuses to send a request before the welcome', async () => {
    const { client, opener } = connect();
    opener.latest.acceptConnection();
    await expect(client.request({ type: 'call.accept', sessionId: 's1' })).resolves.toEqual(
      SOCKET_UNAVAILABLE,
    );
    expect(opener.latest.sent().map((message) => message.type)).toEqual(['hello']);
  });

  it('matches replies to their requests by requestId, whatever their order', async () => {
    const { client, opener } = welcomed();
    const accept = client.request({ type: 'call.accept', sessionId: 's1' });
    const end = client.request({ type: 'call.end', sessionId: 's1' });
    const [, first, second] = opener.latest.sent();
    expect(first).toEqual({ type: 'call.accept', sessionId: 's1', requestId: 1 });
    expect(second).toEqual({ type: 'call.end', sessionId: 's1', requestId: 2 });
    opener.latest.push({ type: 'reply', requestId: 2, result: { ok: true, value: null } });
    opener.latest.push({
      type: 'reply',
      requestId: 1,
      result: { ok: false, error: { code: 'call.alreadyTaken' } },
    });
    await expect(end).resolves.toEqual({ ok: true, value: null });
    await expect(accept).resolves.toEqual({ ok: false, error: { code: 'call.alreadyTaken' } });
  });

  it('answers a request the platform rejected with the rejection code', async () => {
    const { client, opener } = welcomed();
    const pending = client.request({ type: 'call.end', sessionId: 's1' });
    opener.latest.push({
      type: 'rejected',
      requestId: 1,
      code: 'protocol.notAllowed',
      detail: 'call.end.sessionId',
    });
    await expect(pending).resolves.toEqual({
      ok: false,
      error: { code: 'protocol.notAllowed', detail: 'call.end.sessionId' },
    });
  });

  it('hands valid pushes over and drops frames that are not JSON or do not fit the protocol', () => {
    const { opener, pushes } = welcomed();
    opener.latest.pushFrame('{not json');
    opener.latest.push({ type: 'queue.snapshot', entries: 'nope' });
    opener.latest.push({ type: 'call.unknown', sessionId: 's1' });
    opener.latest.push({ type: 'call.peerPresence', sessionId: 's1', present: false });
    expect(pushes).toEqual([{ type: 'call.peerPresence', sessionId: 's1', present: false }]);
  });

  it('sends notices as they are, and says when it cannot', () => {
    const { client, opener } = welcomed();
    const reception = { type: 'media.reception', sessionId: 's1', reception: { audio: true, video: false } };
    expect(client.notify({ ...reception, type: 'media.reception' })).toBe(true);
    expect(opener.latest.lastSent('media.reception')).toEqual(reception);
    opener.latest.closeFromServer(1006);
    expect(client.notify({ ...reception, type: 'media.reception' })).toBe(false);
  });

  it('reports the close code of the platform and answers waiting requests as unavailable', async () => {
    const { client, opener, closes } = welcomed();
    const pending = client.request({ type: 'call.accept', sessionId: 's1' });
    opener.latest.closeFromServer(4401);
    await expect(pending).resolves.toEqual(SOCKET_UNAVAILABLE);
    expect(closes).toEqual([4401]);
    expect(client.ready).toBe(false);
  });

  it('answers a waiting request as unavailable the moment its socket closes, not at the reply timeout', async () => {
    const opener = new FakeSocketOpener();
    const client = new PractitionerProtocolClient({
      url: 'ws://platform.test/ws',
      token: 'token-1',
      openSocket: opener.open,
      events: { onWelcome: () => undefined, onPush: () => undefined, onClose: () => undefined },
      // Far beyond the test: only the close can answer the request.
      replyTimeoutMs: 3_600_000,
    });
    opener.latest.acceptConnection();
    opener.latest.push({ type: 'welcome', role: 'practitioner', expiresAt: 2_000_000_000_000 });
    const answers: unknown[] = [];
    void client.request({ type: 'call.end', sessionId: 's1' }).then((result) => answers.push(result));
    await Promise.resolve();
    expect(answers).toEqual([]);
    // The network drops: the browser closes the socket with 1006 before any reply.
    opener.latest.closeFromServer(1006);
    await Promise.resolve();
    expect(answers).toEqual([SOCKET_UNAVAILABLE]);
    await expect(client.request({ type: 'call.end', sessionId: 's1' })).resolves.toEqual(SOCKET_UNAVAILABLE);
  });

  it('closes quietly when its owner closes it', () => {
    const { client, opener, closes } = welcomed();
    client.close();
    expect(opener.latest.closedByClientWith).toBe(1000);
    expect(closes).toEqual([]);
  });
});
