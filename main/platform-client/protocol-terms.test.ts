// The platform's pushes as the session hears them: the published protocol's names on one side, the
// session's facts on the other.
import { describe, expect, it } from 'vitest';
import type { CabinPush } from '../../contract';
import { sessionFactOf, type SessionFactOfPush } from './protocol-terms';

const document = { id: 'd1', kind: 'prescription', title: 'Ordonnance', pages: 1 } as const;
const reception = { video: true, audio: false } as const;

const table: readonly [string, CabinPush, SessionFactOfPush][] = [
  [
    'a new place in the queue',
    { type: 'queue.updated', sessionId: 's', position: 2, estimatedWaitMinutes: 6, professionalsOnline: 1 },
    {
      to: 'queue',
      event: { type: 'queue.updated', position: 2, estimatedWaitMinutes: 6, professionalsOnline: 1 },
    },
  ],
  [
    'nobody of that kind online any more',
    {
      type: 'queue.updated',
      sessionId: 's',
      position: 1,
      estimatedWaitMinutes: null,
      professionalsOnline: 0,
    },
    {
      to: 'queue',
      event: { type: 'queue.updated', position: 1, estimatedWaitMinutes: null, professionalsOnline: 0 },
    },
  ],
  [
    'a document the professional pushed',
    { type: 'call.documentPushed', sessionId: 's', document },
    { to: 'call', fact: { type: 'call.documentReceived', document } },
  ],
  [
    'the professional ended the call',
    { type: 'call.ended', sessionId: 's', reason: 'professionalEnded' },
    { to: 'call', fact: { type: 'call.ended' } },
  ],
  [
    'the platform lost the call',
    { type: 'call.ended', sessionId: 's', reason: 'connectionLost' },
    { to: 'call', fact: { type: 'call.failed', error: { code: 'call.lost' } } },
  ],
  [
    'what the professional receives',
    { type: 'media.reception', sessionId: 's', reception },
    { to: 'call', fact: { type: 'call.receptionChanged', reception } },
  ],
  [
    'the professional came back',
    { type: 'call.peerPresence', sessionId: 's', present: true },
    { to: 'none' },
  ],
];

describe("the platform's pushes as the session's facts", () => {
  it.each(table)('%s', (_, push, meant) => {
    expect(sessionFactOf(push)).toEqual(meant);
  });
});
