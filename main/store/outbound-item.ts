// What the outbound queue holds: one union of the items the cabin sends to its platform, with the
// payload each kind carries. The store writes exactly these fields and checks them again when it reads
// a row back, so a row that does not fit its kind is an error value, never a cast.
import { MEASUREMENT_KINDS, PRESENCES, err, ok, type Measurement, type Result } from '../../contract';
import { arrayOf, boolean, finite, integer, object, oneOf, text, type Check } from '../../contract/schema';
import type { ConsentRecord } from '../../state-machines';

/** A consent as delivered and audited: the session machine's record with the time the cabin stored it. */
export type RecordedConsent = ConsentRecord & {
  /** Epoch milliseconds. */
  readonly consentedAt: number;
};

/** The patient's choice about the DMP (the shared medical record), sent with the documents' receipt. */
export interface DmpChoice {
  readonly sessionId: string;
  readonly opposed: boolean;
}

/** The result of the cabin's camera and microphone check, for the professional who takes the patient. */
export interface MediaCheckRecord {
  readonly sessionId: string;
  readonly result: 'passed' | 'problem';
}

/** One item of the outbound queue: what the platform receives about a session, by kind. */
export type OutboundItem =
  | { readonly sessionId: string; readonly kind: 'consent'; readonly payload: RecordedConsent }
  | { readonly sessionId: string; readonly kind: 'measurement'; readonly payload: Measurement }
  | { readonly sessionId: string; readonly kind: 'dmp.choice'; readonly payload: DmpChoice }
  | { readonly sessionId: string; readonly kind: 'media.check'; readonly payload: MediaCheckRecord };

/** The kinds of outbound item. */
export type OutboundKind = OutboundItem['kind'];

/**
 * Whether an item of this kind names or describes the patient: such rows are purged at the session's
 * wipe, delivered or not. A consent (text version, presence, time) and a camera check's result do
 * not; a measurement and the DMP choice do.
 */
export const CONTAINS_PATIENT_DATA: Readonly<Record<OutboundKind, boolean>> = {
  consent: false,
  measurement: true,
  'dmp.choice': true,
  'media.check': false,
};

const sessionId = text(64, 1);
const epochMs = integer(0, 8_640_000_000_000_000);
const QUANTITY_NAMES = ['systolic', 'diastolic', 'meanArterial', 'pulse', 'temperature', 'spo2', 'weight'];
const UNITS = ['mmHg', 'bpm', '°C', '%', 'kg'];

const consentFits = object({
  sessionId,
  textVersion: text(64, 1),
  presence: oneOf(PRESENCES),
  attendantStays: boolean,
  consentedAt: epochMs,
});
const measurementFits = object({
  kind: oneOf(MEASUREMENT_KINDS),
  quantities: arrayOf(
    object({
      name: oneOf(QUANTITY_NAMES),
      value: finite(-Number.MAX_VALUE, Number.MAX_VALUE),
      unit: oneOf(UNITS),
    }),
    16,
  ),
  takenAt: epochMs,
});
const dmpChoiceFits = object({ sessionId, opposed: boolean });
const mediaCheckFits = object({ sessionId, result: oneOf(['passed', 'problem']) });

/** True when `check` accepts the value: the one place where a checked payload gets its type. */
function fits<T>(check: Check, value: unknown): value is T {
  return check(value, 'payload') === null;
}

function unfit(kind: string, check: Check, value: unknown): Result<never> {
  return err({ code: 'store.unreadableItem', detail: `${kind}: ${check(value, 'payload') ?? 'payload'}` });
}

/**
 * The payload as the store writes it: exactly the fields of the item's type, so that what is read back
 * fits the same check (a device that added a field of its own cannot make a row unreadable).
 */
export function storedPayload(item: OutboundItem): unknown {
  switch (item.kind) {
    case 'consent': {
      const { sessionId, textVersion, presence, attendantStays, consentedAt } = item.payload;
      return { sessionId, textVersion, presence, attendantStays, consentedAt };
    }
    case 'measurement': {
      const { kind, quantities, takenAt } = item.payload;
      return {
        kind,
        quantities: quantities.map(({ name, value, unit }) => ({ name, value, unit })),
        takenAt,
      };
    }
    case 'dmp.choice': {
      const { sessionId, opposed } = item.payload;
      return { sessionId, opposed };
    }
    case 'media.check': {
      const { sessionId, result } = item.payload;
      return { sessionId, result };
    }
  }
}

/**
 * Reads a queue row back into an item: `store.unreadableItem` (with the path of the first bad field,
 * never a value) when the session is missing, the kind unknown, or the payload does not fit its kind.
 */
export function parseOutboundItem(
  session: string | null,
  kind: string,
  payloadJson: string,
): Result<OutboundItem> {
  if (session === null) return err({ code: 'store.unreadableItem', detail: 'no session' });
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return err({ code: 'store.unreadableItem', detail: `${kind.slice(0, 64)}: not JSON` });
  }
  switch (kind) {
    case 'consent':
      return fits<RecordedConsent>(consentFits, payload)
        ? ok({ sessionId: session, kind, payload })
        : unfit(kind, consentFits, payload);
    case 'measurement':
      return fits<Measurement>(measurementFits, payload)
        ? ok({ sessionId: session, kind, payload })
        : unfit(kind, measurementFits, payload);
    case 'dmp.choice':
      return fits<DmpChoice>(dmpChoiceFits, payload)
        ? ok({ sessionId: session, kind, payload })
        : unfit(kind, dmpChoiceFits, payload);
    case 'media.check':
      return fits<MediaCheckRecord>(mediaCheckFits, payload)
        ? ok({ sessionId: session, kind, payload })
        : unfit(kind, mediaCheckFits, payload);
    default:
      return err({ code: 'store.unreadableItem', detail: 'unknown kind' });
  }
}
