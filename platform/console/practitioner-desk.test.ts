// @vitest-environment jsdom
// The practitioner's desk on its own, where the page's harness cannot go: a reply that never comes,
// with the reply timeout run on the manual clock.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { FakeMediaFactory } from './test-support/fake-console-media';
import { FakeTextSocketOpener, type FakeTextSocket } from '../../test/support/fake-text-socket';
import { PractitionerDesk, RECONNECT_DELAY_MS, REPLY_TIMEOUT_MS } from './practitioner-desk';
import { TEST_LOGIN_REPLY, TEST_NOW, TEST_WELCOME } from './test-support/console-harness';

const SESSION = 'session-jeanne';

async function flush(): Promise<void> {
  for (let index = 0; index < 10; index += 1) await Promise.resolve();
}

function welcome(socket: FakeTextSocket): void {
  socket.open();
  socket.push(TEST_WELCOME);
}

/** A desk logged in and in a call with the waiting patient. */
async function deskInCall(): Promise<{
  desk: PractitionerDesk;
  sockets: FakeTextSocketOpener;
  clock: ManualClock;
  media: FakeMediaFactory;
}> {
  const sockets = new FakeTextSocketOpener();
  const clock = new ManualClock(TEST_NOW);
  const media = new FakeMediaFactory();
  const desk = new PractitionerDesk({
    token: TEST_LOGIN_REPLY.token,
    expiresAt: TEST_LOGIN_REPLY.expiresAt,
    professional: TEST_LOGIN_REPLY.professional,
    socketUrl: 'ws://platform.test/ws',
    openSocket: sockets.openSocket,
    media,
    clock,
    onSessionEnd: () => undefined,
  });
  desk.start();
  const socket = sockets.latest;
  welcome(socket);
  socket.push({
    type: 'queue.snapshot',
    entries: [
      {
        sessionId: SESSION,
        profession: 'doctor',
        appointmentCode: null,
        since: TEST_NOW - 60_000,
        locale: 'fr',
      },
    ],
  });
  const accepted = desk.accept(SESSION);
  socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
  await accepted;
  await flush();
  return { desk, sockets, clock, media };
}

describe('ending a call on a connection that died silently', () => {
  it('drops a connection that never answers the end, and sends the end again on a fresh one', async () => {
    const { desk, sockets, clock, media } = await deskInCall();
    const first = sockets.latest;
    expect(desk.getView().call?.sessionId).toBe(SESSION);
    void desk.endCall();
    expect(first.lastSent('call.end')).toMatchObject({ sessionId: SESSION });

    // The network is gone but the socket still looks open: no reply, no close.
    await clock.advance(REPLY_TIMEOUT_MS);
    expect(desk.getView().call?.ending).toBe(true);
    expect(desk.getView().call?.endAwaitsConnection).toBe(true);
    expect(desk.getView().link).toBe('reconnecting');
    expect(first.closedWith).toBe(1000);

    await clock.advance(RECONNECT_DELAY_MS);
    const second = sockets.latest;
    expect(second).not.toBe(first);
    welcome(second);
    expect(second.lastSent('call.end')).toMatchObject({ sessionId: SESSION });
    second.replyTo('call.end', null);
    await flush();
    expect(desk.getView().call).toBeNull();
    expect(desk.getView().link).toBe('online');
    expect(media.latest.closed).toBe(true);
    desk.stop();
  });
});
