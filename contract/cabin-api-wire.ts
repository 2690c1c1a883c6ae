// The wire of the one call channel between the renderer and the controller when it runs over a WebSocket
// (browser mode): calls carry an id, replies carry it back, events are pushed. The socket client
// (socket-client.ts) speaks it on the renderer's side.
import type { CabinMethod, ServerMessage } from './cabin-api';
import { err, ok } from './result';
import { isRecord } from './schema';
import type { ReplyWire } from './socket-client';

/** A CabinApi call as the renderer writes it: the client adds the id. */
export interface CabinCall {
  readonly method: CabinMethod;
  readonly params: unknown;
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { readonly kind?: unknown; readonly id?: unknown; readonly result?: unknown };
  return (
    (message.kind === 'reply' && typeof message.id === 'number' && isResult(message.result)) ||
    message.kind === 'event'
  );
}

// A reply settles a call with its result: anything but a Result would reach the screens as one.
function isResult(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.ok === true) return true;
  return (
    value.ok === false &&
    isRecord(value.error) &&
    typeof value.error.code === 'string' &&
    (value.error.detail === undefined || typeof value.error.detail === 'string')
  );
}

/** The call channel's wire: `{kind: 'call', id, method, params}` up, `reply` and `event` down. */
export const CABIN_API_WIRE: ReplyWire<CabinCall, ServerMessage> = {
  withId: (call, id) => ({ kind: 'call', id, method: call.method, params: call.params }),
  check: (message) => (isServerMessage(message) ? ok(message) : err('kind')),
  replyTo: (message) => (message.kind === 'reply' ? { id: message.id, result: message.result } : null),
};
