// Where the published platform protocol and the session name things differently, said once: the
// platform's pushes about a session as the session's own facts, and the outbound queue's items
// (main/store/outbound-item.ts) as the protocol's `session.item`.
import type { CabinPush, CallFact, HelpEvent, QueueEvent, SessionItem } from '../../contract';
import type { OutboundItem } from './platform-link';

/** What a push means to the session: a waiting-room event, a call fact, a help call's answer, or nothing it acts on. */
export type SessionFactOfPush =
  | { readonly to: 'queue'; readonly event: QueueEvent }
  | { readonly to: 'call'; readonly fact: CallFact }
  | { readonly to: 'help'; readonly event: Extract<HelpEvent, { type: 'help.answered' }> }
  | { readonly to: 'none' };

/** The session's fact for one platform push (the protocol's names kept where they are the same). */
export function sessionFactOf(push: CabinPush): SessionFactOfPush {
  switch (push.type) {
    case 'queue.updated':
      return {
        to: 'queue',
        event: {
          type: push.type,
          position: push.position,
          estimatedWaitMinutes: push.estimatedWaitMinutes,
          professionalsOnline: push.professionalsOnline,
        },
      };
    case 'queue.assigned':
      return { to: 'queue', event: { type: push.type, professional: push.professional } };
    case 'call.measurementRequested':
      return { to: 'call', fact: { type: push.type, kind: push.kind } };
    case 'call.instrumentRequested':
      return { to: 'call', fact: { type: push.type, kind: push.kind } };
    case 'call.instrumentEnded':
      return { to: 'call', fact: { type: push.type } };
    case 'call.documentPushed':
      return { to: 'call', fact: { type: 'call.documentReceived', document: push.document } };
    case 'call.ended':
      return push.reason === 'connectionLost'
        ? { to: 'call', fact: { type: 'call.failed', error: { code: 'call.lost' } } }
        : { to: 'call', fact: { type: 'call.ended' } };
    case 'signal':
      return { to: 'call', fact: { type: 'media.signal', payload: push.payload } };
    case 'media.reception':
      return { to: 'call', fact: { type: 'call.receptionChanged', reception: push.reception } };
    case 'sfu.producerAdded':
      return { to: 'call', fact: { type: 'media.producerAdded' } };
    case 'help.answered':
      return { to: 'help', event: { type: push.type, by: push.by } };
    case 'call.chat':
      // Only what the professional wrote is news to the cabin (the patient's own lines are its own).
      return push.from === 'professional'
        ? { to: 'call', fact: { type: 'call.messageReceived', text: push.text } }
        : { to: 'none' };
    case 'call.peerPresence':
      return { to: 'none' };
  }
}

/** An outbound queue item in the protocol's terms. */
export function toSessionItem(item: OutboundItem): SessionItem {
  switch (item.kind) {
    case 'consent': {
      const { presence, attendantStays, textVersion, consentedAt } = item.payload;
      return { kind: 'consent', consent: { presence, attendantStays, textVersion, at: consentedAt } };
    }
    case 'measurement':
      return { kind: 'measurement', measurement: item.payload };
    case 'dmp.choice':
      return { kind: 'dmpChoice', opposed: item.payload.opposed };
    case 'media.check':
      return { kind: 'mediaCheck', result: item.payload.result };
  }
}
