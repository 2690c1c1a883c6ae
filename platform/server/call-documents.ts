// The documents of a call, between the practitioner's request and the cabin: a pushed document checked
// and kept, a composed one written by the DocumentWriter (the sick-leave rule, the prescription
// identifier, the PDF) and kept; each announced to the cabin, then deposited in the patient's DMP when
// it may, and the practitioner answered with both outcomes.
import type { DmpOutcome } from '../../contract/composed-document';
import type { DocumentSummary } from '../../contract/domain';
import type { CabinPush, PractitionerMessage } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';
import type { DocumentWriter } from './document-writer';
import type { PractitionerLine } from './parties';
import type { PlatformLog } from './platform-log';
import {
  isActive,
  keepDocument,
  keepRenderedDocument,
  type PlatformSession as Session,
} from './platform-session';

/** How the documents reach the cabin and answer the practitioner (the switchboard's routes). */
export interface DocumentRoutes {
  /** Pushes to the session's cabin (kept for it while it is away). */
  toCabin(session: Session, push: CabinPush): void;
  /** Answers one request of the practitioner. */
  answer(line: PractitionerLine, requestId: number, result: Result<unknown>): void;
}

/** Takes the practitioner's documents for a call. */
export class CallDocuments {
  /** Documents written by `writer`, routed by `routes`. */
  constructor(
    private readonly writer: DocumentWriter,
    private readonly routes: DocumentRoutes,
    private readonly log: PlatformLog,
  ) {}

  /** A pushed document (text or PDF): checked, kept, announced, deposited; the practitioner is answered. */
  push(
    line: PractitionerLine,
    session: Session,
    message: Extract<PractitionerMessage, { type: 'document.push' }>,
  ): void {
    const pushed = this.#pushDocument(session, message);
    if (!pushed.ok) return this.routes.answer(line, message.requestId, pushed);
    this.#settle(
      line,
      message.requestId,
      this.#answerWithDeposit(line, message.requestId, session, pushed.value),
    );
  }

  /** A composed document: written (or refused with the reason), kept, announced, deposited; answered. */
  compose(
    line: PractitionerLine,
    session: Session,
    message: Extract<PractitionerMessage, { type: 'document.compose' }>,
  ): void {
    this.#settle(line, message.requestId, this.#compose(line, session, message));
  }

  async #compose(
    line: PractitionerLine,
    session: Session,
    message: Extract<PractitionerMessage, { type: 'document.compose' }>,
  ): Promise<void> {
    const patient = session.patient;
    if (!isActive(session) || patient === null) {
      return this.routes.answer(line, message.requestId, err({ code: 'call.ended' }));
    }
    const written = await this.writer.write(line.professional, patient, message.document);
    if (!written.ok) {
      this.log('document.refused', { sessionId: session.id, code: written.error.code });
      return this.routes.answer(line, message.requestId, written);
    }
    // The call may have ended while the document was written.
    if (!isActive(session)) return this.routes.answer(line, message.requestId, err({ code: 'call.ended' }));
    const { kind, title, bytes } = written.value;
    const kept = keepRenderedDocument(session, kind, title, bytes);
    if (!kept.ok) return this.routes.answer(line, message.requestId, kept);
    this.#announceDocument(session, kept.value, bytes.length);
    return this.#answerWithDeposit(line, message.requestId, session, kept.value);
  }

  /**
   * The patient's DMP choice has come: the documents that waited for it are deposited, or not if the
   * patient opposed it (each outcome logged by the writer, never the patient). A failure is logged.
   */
  depositPending(session: Session, opposed: boolean): void {
    const pending = session.dmpPending;
    session.dmpPending = [];
    const deposits = pending.map((document) => this.writer.deposit(document, opposed));
    Promise.all(deposits).catch((error: unknown) => {
      this.log('dmp.failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  }

  /** Answers `document.failed` when writing or depositing a document threw (a bug: logged, the platform goes on). */
  #settle(line: PractitionerLine, requestId: number, work: Promise<void>): void {
    work.catch((error: unknown) => {
      this.log('document.failed', { error: error instanceof Error ? error.name : 'unknown' });
      this.routes.answer(line, requestId, err({ code: 'document.failed' }));
    });
  }

  /** Deposits a kept document in the DMP when it may, and answers the console with both outcomes. */
  async #answerWithDeposit(
    line: PractitionerLine,
    requestId: number,
    session: Session,
    summary: DocumentSummary,
  ): Promise<void> {
    const stored = session.documents.get(summary.id);
    const patient = session.patient;
    let dmp: DmpOutcome | undefined;
    if (stored !== undefined && patient !== null) {
      const document = {
        sessionId: session.id,
        patient,
        summary,
        contentType: stored.contentType,
        bytes: stored.bytes,
      };
      dmp = await this.writer.deposit(document, session.dmpOpposed);
      // The patient chooses on the cabin's documents screen, after the call: the deposit waits for it.
      if (!dmp.deposited && dmp.reason === 'choiceUnknown') session.dmpPending.push(document);
    }
    this.routes.answer(line, requestId, ok({ document: summary, ...(dmp === undefined ? {} : { dmp }) }));
  }

  #announceDocument(session: Session, summary: DocumentSummary, bytes: number): void {
    this.log('document.pushed', {
      sessionId: session.id,
      kind: summary.kind,
      pages: summary.pages,
      bytes,
    });
    this.routes.toCabin(session, { type: 'call.documentPushed', sessionId: session.id, document: summary });
  }

  #pushDocument(
    session: Session,
    message: Extract<PractitionerMessage, { type: 'document.push' }>,
  ): Result<DocumentSummary> {
    if (!isActive(session)) return err({ code: 'call.ended' });
    const kept = keepDocument(session, message);
    if (!kept.ok) {
      this.log('document.refused', { sessionId: session.id, code: kept.error.code });
      return kept;
    }
    const summary = kept.value;
    this.#announceDocument(session, summary, session.documents.get(summary.id)?.bytes.length ?? 0);
    return ok(summary);
  }
}
