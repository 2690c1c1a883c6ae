// The seam to the patient's DMP (Mon espace santé): each document the professional leaves is deposited
// there, unless the patient opposed it or the patient's INS is not qualified (a document may be filed
// only under a qualified INS). On the reference platform an INS counts as qualified only when the
// identity was read from the Carte Vitale (`patient.source === 'card'`): a simplification, the real
// qualification goes through the INSi teleservice and an identity document.
import type { DmpOutcome } from '../../contract/composed-document';
import type { DocumentSummary } from '../../contract/domain';
import type { DocumentContentType, PatientSummary } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';

/** One document to deposit in the DMP of the patient. */
export interface DmpDocument {
  readonly sessionId: string;
  readonly patient: PatientSummary;
  readonly summary: DocumentSummary;
  readonly contentType: DocumentContentType;
  readonly bytes: Buffer;
}

/** Deposits documents in the patient's DMP. */
export interface DmpDeposit {
  /** Deposits one document; `dmp.failed` when the DMP service refused or did not answer. */
  deposit(document: DmpDocument): Promise<Result<null>>;
}

/** One deposit the test DMP recorded: ids and kind only, never the patient or the content. */
export interface RecordedDeposit {
  readonly sessionId: string;
  readonly documentId: string;
  readonly kind: DocumentSummary['kind'];
  readonly contentType: DocumentContentType;
  readonly bytes: number;
}

/** The most deposits the test DMP remembers (the newest). */
const RECORD_LIMIT = 200;

/** The reference platform's DMP: records each deposit (without patient data) and accepts it. */
export class TestDmpDeposit implements DmpDeposit {
  readonly #deposits: RecordedDeposit[] = [];

  /** Records the deposit. */
  deposit(document: DmpDocument): Promise<Result<null>> {
    this.#deposits.push({
      sessionId: document.sessionId,
      documentId: document.summary.id,
      kind: document.summary.kind,
      contentType: document.contentType,
      bytes: document.bytes.length,
    });
    this.#deposits.splice(0, Math.max(0, this.#deposits.length - RECORD_LIMIT));
    return Promise.resolve(ok(null));
  }

  /** The deposits recorded, oldest first. */
  deposits(): readonly RecordedDeposit[] {
    return [...this.#deposits];
  }
}

/**
 * Whether a document may go to the DMP: not when the patient opposed it, when their choice never came,
 * or when their INS is not qualified (reference platform: identity not read from the Carte Vitale).
 */
export function dmpAllowed(patient: PatientSummary, opposed: boolean | null): Result<null, DmpOutcome> {
  if (opposed === true) return err({ deposited: false, reason: 'opposed' });
  if (patient.source !== 'card') return err({ deposited: false, reason: 'insNotQualified' });
  if (opposed === null) return err({ deposited: false, reason: 'choiceUnknown' });
  return ok(null);
}
