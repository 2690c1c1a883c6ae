// The examination instrument of a call, relayed between its two parties only: the professional's request
// and end go to the cabin (kept for a cabin briefly away, like a measurement request), the cabin's update
// of where the instrument stands goes to the professional (live state: never kept). The log says the
// session, the kind and the state; never a media tag.
import type { CabinMessage, PractitionerMessage } from '../../contract';
import { err, ok, type Result } from '../../contract/result';
import type { PlatformLog } from './platform-log';
import { isActive, type PlatformSession } from './platform-session';
import type { SessionLedger } from './session-ledger';

/** The professional's instrument messages. */
export type InstrumentRequest = Extract<
  PractitionerMessage,
  { type: 'call.requestInstrument' | 'call.endInstrument' }
>;

/** The cabin's instrument message. */
export type InstrumentUpdate = Extract<CabinMessage, { type: 'instrument.update' }>;

/** Where the relay sends and what it logs. */
export interface InstrumentRelayPorts {
  readonly ledger: Pick<SessionLedger, 'toCabin' | 'toPractitioner'>;
  readonly log: PlatformLog;
}

/**
 * Relays the professional's request or end of an instrument to the cabin of that call (the caller has
 * checked the professional holds it); `call.ended` once the call is over.
 */
export function instrumentToCabin(
  { ledger, log }: InstrumentRelayPorts,
  session: PlatformSession,
  message: InstrumentRequest,
): Result<null> {
  if (!isActive(session)) return err({ code: 'call.ended' });
  if (message.type === 'call.requestInstrument') {
    ledger.toCabin(
      session,
      { type: 'call.instrumentRequested', sessionId: session.id, kind: message.kind },
      true,
    );
    log('call.instrumentRequested', { sessionId: session.id, kind: message.kind });
  } else {
    ledger.toCabin(session, { type: 'call.instrumentEnded', sessionId: session.id }, true);
    log('call.instrumentEnded', { sessionId: session.id });
  }
  return ok(null);
}

/**
 * Relays the cabin's update to the professional of that call only (the caller has checked the cabin owns
 * the session); `call.ended` when no call runs.
 */
export function instrumentToPractitioner(
  { ledger, log }: InstrumentRelayPorts,
  session: PlatformSession | undefined,
  message: InstrumentUpdate,
): Result<null> {
  if (session === undefined || !isActive(session)) return err({ code: 'call.ended' });
  const { use } = message;
  ledger.toPractitioner(session, { type: 'call.instrument', sessionId: session.id, use }, false);
  log('call.instrument', { sessionId: session.id, kind: use.kind, state: use.state });
  return ok(null);
}
