// Garbage on the sockets' wires: the renderer's call channel (browser mode) and the cabin's and the
// console's platform connections read whatever frames come (text or binary, JSON or not, replies with a
// made-up id or result) without throwing; every request still settles with a Result of the contract's
// shape, and every frame is either a reply, a push or one malformed report.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../contract';
import { CABIN_API_WIRE, type CabinCall } from '../../contract/cabin-api-wire';
import type { ServerMessage } from '../../contract/cabin-api';
import { connectCabin } from '../../contract/platform-connection';
import { SocketClient } from '../../contract/socket-client';
import { parsePlatformToCabin } from '../../contract/validate-platform';
import { FakeTextSocketOpener } from '../support/fake-text-socket';
import { checkGarbageAsync, garbageFrames, mutatedJson } from '../support/garbage';
import { ManualClock } from '../support/manual-clock';

// Thousands of inputs on a machine shared with other suites: a whole run may take longer than a test's default.
vi.setConfig({ testTimeout: 60_000 });

const VALID_DOWN = [
  { kind: 'reply', id: 1, result: { ok: true, value: { phase: 'ready' } } },
  { kind: 'reply', id: 2, result: { ok: false, error: { code: 'api.invalidInput', detail: 'bad' } } },
  { kind: 'event', event: { type: 'view.changed' } },
];

/** A frame as a socket delivers it: text (JSON or not) or something that is not text at all. */
const frames = fc.oneof(
  garbageFrames(VALID_DOWN),
  mutatedJson(VALID_DOWN).map((message) => JSON.stringify(message) ?? 'null'),
  fc.constantFrom<unknown>(new Uint8Array([1, 2]), null, 7, { data: 'x' }),
);

describe('the call channel’s client under garbage from its socket', () => {
  it('settles each call with a Result and reports every other frame once', async () => {
    await checkGarbageAsync(
      fc.array(frames, { minLength: 1, maxLength: 8 }),
      async (garbage) => {
        const clock = new ManualClock();
        const opener = new FakeTextSocketOpener();
        let pushed = 0;
        let malformed = 0;
        const client = new SocketClient<CabinCall, ServerMessage>({
          open: opener.open,
          wire: CABIN_API_WIRE,
          clock,
          replyTimeoutMs: 1_000,
          events: { pushed: () => (pushed += 1), malformed: () => (malformed += 1) },
        });
        const socket = opener.latest;
        socket.open();
        const answers: Result<unknown>[] = [];
        const calls = [1, 2, 3].map(() =>
          client.request({ method: 'getView', params: undefined }).then((answer) => answers.push(answer)),
        );
        for (const frame of garbage) socket.pushRaw(frame);
        await clock.advance(1_000);
        await Promise.all(calls);
        expect(answers).toHaveLength(3);
        // A Result of the contract's shape: ok with its value, or an error with a code.
        for (const answer of answers) {
          expect(answer.ok === true || (answer.ok === false && typeof answer.error.code === 'string')).toBe(
            true,
          );
        }
        expect(pushed + malformed).toBeLessThanOrEqual(garbage.length);
        client.close();
      },
      1_000,
    );
  });
});

const CABIN_DOWN = [
  { type: 'welcome', role: 'cabin', expiresAt: 2_000_000_000_000 },
  { type: 'reply', requestId: 1, result: { ok: true, value: { position: 2 } } },
  { type: 'rejected', requestId: 1, code: 'protocol.invalidMessage', detail: 'type' },
  {
    type: 'queue.updated',
    sessionId: 's-1',
    position: 1,
    estimatedWaitMinutes: null,
    professionalsOnline: 2,
  },
  { type: 'call.measurementRequested', sessionId: 's-1', kind: 'temperature' },
];

describe('the cabin’s platform connection under garbage from the platform', () => {
  it('hands over only pushes that fit the protocol, and settles its request with a Result', async () => {
    await checkGarbageAsync(
      fc.array(
        fc.oneof(garbageFrames(CABIN_DOWN), fc.constantFrom(...CABIN_DOWN.map((m) => JSON.stringify(m)))),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
      async (garbage) => {
        const clock = new ManualClock();
        const opener = new FakeTextSocketOpener();
        const pushes: unknown[] = [];
        const connection = connectCabin({
          open: opener.open,
          hello: { type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret-a' },
          clock,
          replyTimeoutMs: 1_000,
          events: { pushed: (push) => pushes.push(push) },
        });
        const socket = opener.latest;
        socket.open();
        socket.push(CABIN_DOWN[0]);
        const answer = connection.request({ type: 'presence.lookUp', profession: 'doctor' });
        for (const frame of garbage) socket.pushRaw(frame);
        await clock.advance(1_000);
        const settled = await answer;
        expect(settled.ok === true || (settled.ok === false && typeof settled.error.code === 'string')).toBe(
          true,
        );
        for (const push of pushes) expect(parsePlatformToCabin(push).ok).toBe(true);
        connection.close();
      },
      1_000,
    );
  });
});
