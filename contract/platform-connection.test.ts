// A connection to the platform on a fake socket and the manual clock: hello, welcome, requests only once
// welcomed, replies and refusals matched by requestId, pushes, and what a close does.
import { describe, expect, it } from 'vitest';
import { FakeTextSocketOpener } from '../test/support/fake-text-socket';
import { ManualClock } from '../test/support/manual-clock';
import { connectCabin, connectPractitioner } from './platform-connection';
import type { CabinPush, PractitionerPush, Rejected, Welcome } from './platform-protocol';

const WELCOME = { type: 'welcome', role: 'practitioner', expiresAt: 2_000_000_000_000 } as const;

function practitioner() {
  const clock = new ManualClock();
  const opener = new FakeTextSocketOpener();
  const welcomes: Welcome[] = [];
  const pushes: PractitionerPush[] = [];
  const closes: number[] = [];
  const connection = connectPractitioner({
    open: opener.open,
    hello: { type: 'hello', role: 'practitioner', token: 'token-1' },
    clock,
    replyTimeoutMs: 20_000,
    events: {
      welcomed: (welcome) => welcomes.push(welcome),
      pushed: (push) => pushes.push(push),
      closed: (code) => closes.push(code),
    },
  });
  return { connection, clock, socket: opener.latest, welcomes, pushes, closes };
}

function welcomed() {
  const connected = practitioner();
  connected.socket.open();
  connected.socket.push(WELCOME);
  return connected;
}

describe('a connection to the platform', () => {
  it('says hello as soon as the socket opens, and is ready once welcomed', () => {
    const { connection, socket, welcomes } = practitioner();
    expect(connection.ready).toBe(false);
    socket.open();
    expect(socket.sent()).toEqual([{ type: 'hello', role: 'practitioner', token: 'token-1' }]);
    expect(connection.ready).toBe(false);
    socket.push(WELCOME);
    expect(welcomes).toEqual([WELCOME]);
    expect(connection.ready).toBe(true);
  });

  it('ignores a welcome for the other role, a second welcome, and pushes before the welcome', () => {
    const { connection, socket, welcomes, pushes } = practitioner();
    socket.open();
    socket.push({ type: 'queue.snapshot', entries: [] });
    socket.push({ ...WELCOME, role: 'cabin' });
    expect(connection.ready).toBe(false);
    socket.push(WELCOME);
    socket.push(WELCOME);
    expect(welcomes).toHaveLength(1);
    expect(pushes).toEqual([]);
  });

  it('refuses requests and notices before the welcome, without sending them', async () => {
    const { connection, socket } = practitioner();
    socket.open();
    await expect(connection.request({ type: 'call.accept', sessionId: 's1' })).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } as const;
    expect(connection.notify({ type: 'signal', sessionId: 's1', payload: offer })).toBe(false);
    expect(socket.sent().map((message) => message.type)).toEqual(['hello']);
  });

  it('adds the requestId, and settles with the reply, or with the code and field of a refusal', async () => {
    const { connection, socket } = welcomed();
    const accept = connection.request({ type: 'call.accept', sessionId: 's1' });
    const end = connection.request({ type: 'call.end', sessionId: 's1' });
    expect(socket.sent().slice(1)).toEqual([
      { type: 'call.accept', sessionId: 's1', requestId: 1 },
      { type: 'call.end', sessionId: 's1', requestId: 2 },
    ]);
    socket.push({
      type: 'rejected',
      requestId: 2,
      code: 'protocol.notAllowed',
      detail: 'sessionId',
    });
    socket.push({
      type: 'reply',
      requestId: 1,
      result: { ok: true, value: { mode: 'direct', iceServers: [] } },
    });
    await expect(accept).resolves.toEqual({ ok: true, value: { mode: 'direct', iceServers: [] } });
    await expect(end).resolves.toEqual({
      ok: false,
      error: { code: 'protocol.notAllowed', detail: 'sessionId' },
    });
  });

  it('hands valid pushes over and drops the ones that do not fit the protocol', () => {
    const { socket, pushes } = welcomed();
    socket.push({ type: 'call.patientJoined', sessionId: 's1' });
    socket.push({ type: 'call.patientJoined', sessionId: 'not a valid id!' });
    socket.push({ type: 'queue.updated', sessionId: 's1', position: 1, estimatedWaitMinutes: 2 });
    expect(pushes).toEqual([{ type: 'call.patientJoined', sessionId: 's1' }]);
  });

  it('sends notices as they are once welcomed, and says when it cannot', () => {
    const { connection, socket } = welcomed();
    const reception = {
      type: 'media.reception',
      sessionId: 's1',
      reception: { audio: true, video: false },
    } as const;
    expect(connection.notify(reception)).toBe(true);
    expect(socket.sent().at(-1)).toEqual(reception);
    socket.drop(1006);
    expect(connection.notify(reception)).toBe(false);
  });

  it('closes quietly when its owner closes it', () => {
    const { connection, socket, closes } = welcomed();
    connection.close();
    expect(socket.closedWith).toBe(1000);
    socket.drop(1000);
    expect(closes).toEqual([]);
  });

  it('answers a request cut by a close with the failure value, and reports the close code', async () => {
    const { connection, socket, closes } = welcomed();
    const waiting = connection.request({ type: 'call.end', sessionId: 's1' });
    socket.drop(4401);
    await expect(waiting).resolves.toEqual({ ok: false, error: { code: 'transport.unavailable' } });
    expect(closes).toEqual([4401]);
    expect(connection.ready).toBe(false);
  });

  it('answers transport.timeout when the platform never replies', async () => {
    const { connection, clock } = welcomed();
    const waiting = connection.request({ type: 'call.end', sessionId: 's1' });
    await clock.advance(20_000);
    await expect(waiting).resolves.toEqual({ ok: false, error: { code: 'transport.timeout' } });
  });

  it("a cabin's connection says hello with its credential and reports refusals without a request", async () => {
    const clock = new ManualClock();
    const opener = new FakeTextSocketOpener();
    const pushes: CabinPush[] = [];
    const refusals: Rejected[] = [];
    const malformed: string[] = [];
    const connection = connectCabin({
      open: opener.open,
      hello: { type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret' },
      clock,
      replyTimeoutMs: 10_000,
      timeoutError: { code: 'platform.timeout' },
      unavailableError: { code: 'platform.unreachable' },
      events: {
        pushed: (push) => pushes.push(push),
        rejected: (rejected) => refusals.push(rejected),
        malformed: (detail) => malformed.push(detail),
      },
    });
    const socket = opener.latest;
    await expect(connection.request({ type: 'appointment.lookUp', code: '1' })).resolves.toEqual({
      ok: false,
      error: { code: 'platform.unreachable' },
    });
    socket.open();
    expect(socket.sent()).toEqual([
      { type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret' },
    ]);
    socket.push({ type: 'welcome', role: 'cabin', expiresAt: 1 });
    socket.push({ type: 'rejected', requestId: null, code: 'protocol.invalidMessage', detail: 'json' });
    socket.push({ type: 'queue.assigned', sessionId: 's1' });
    socket.push({ type: 'call.measurementRequested', sessionId: 's1', kind: 'weight' });
    expect(refusals).toEqual([
      { type: 'rejected', requestId: null, code: 'protocol.invalidMessage', detail: 'json' },
    ]);
    expect(malformed).toEqual(['queue.assigned.professional']);
    expect(pushes).toEqual([{ type: 'call.measurementRequested', sessionId: 's1', kind: 'weight' }]);
    const slow = connection.request({ type: 'appointment.lookUp', code: '1' });
    await clock.advance(10_000);
    await expect(slow).resolves.toEqual({ ok: false, error: { code: 'platform.timeout' } });
  });
});
