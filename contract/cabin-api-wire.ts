// The wire of the one call channel between the renderer and the controller when it runs over a WebSocket
// (browser mode): calls carry an id, replies carry it back, events are pushed. The socket client
// (socket-client.ts) speaks it on the renderer's side.
import type { CabinMethod, ServerMessage } from './cabin-api';
import { err, ok } from './result';
import type { ReplyWire } from './socket-client';

/** A CabinApi call as the renderer writes it: the client adds the id. */
export interface CabinCall {
  readonly method: CabinMethod;
  readonly params: unknown;
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { readonly kind?: unknown; readonly id?: unknown };
  return (message.kind === 'reply' && typeof message.id === 'number') || message.kind === 'event';
}

/** The call channel's wire: `{kind: 'call', id, method, params}` up, `reply` and `event` down. */
export const CABIN_API_WIRE: ReplyWire<CabinCall, ServerMessage> = {
  withId: (call, id) => ({ kind: 'call', id, method: call.method, params: call.params }),
  check: (message) => (isServerMessage(message) ? ok(message) : err('kind')),
  replyTo: (message) => (message.kind === 'reply' ? { id: message.id, result: message.result } : null),
};
