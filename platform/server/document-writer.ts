// What the platform does with a document of the call beyond relaying it: it writes the documents the
// professional composes (the sick-leave rule, the e-prescription identifier, the PDF) and deposits every
// document in the patient's DMP when it may. Its seams are the prescription service, the DMP and the
// fonts; the reference platform's are the test ones.
import type { Clock } from '../../contract/clock';
import { checkSickLeave, type ComposedDocument, type DmpOutcome } from '../../contract/composed-document';
import type { ProfessionalCard } from '../../contract/domain';
import type { PatientSummary } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';
import { dmpAllowed, TestDmpDeposit, type DmpDeposit, type DmpDocument } from './dmp-deposit';
import {
  COMPOSED_TITLES,
  fontFallback,
  loadDocumentFonts,
  renderDocumentPdf,
  type DocumentFonts,
} from './document-pdf';
import type { PlatformLog } from './platform-log';
import { TestPrescriptionService, type PrescriptionService } from './prescription-service';

/** The seams a document writer works with; each absent one is the reference platform's. */
export interface DocumentWriterOptions {
  readonly prescriptions?: PrescriptionService;
  readonly dmp?: DmpDeposit;
  readonly fonts?: DocumentFonts;
  readonly clock: Clock;
  readonly log: PlatformLog;
}

/** A composed document once rendered: its title and its PDF. */
export interface WrittenDocument {
  readonly kind: ComposedDocument['kind'];
  readonly title: string;
  readonly contentType: 'application/pdf';
  readonly bytes: Buffer;
}

/** Writes composed documents to PDF and deposits documents in the DMP. */
export class DocumentWriter {
  readonly #prescriptions: PrescriptionService;
  readonly #dmp: DmpDeposit;
  readonly #fonts: DocumentFonts;
  readonly #clock: Clock;
  readonly #log: PlatformLog;

  /** A writer on the given seams (the test prescription service, the test DMP and DejaVu Sans by default). */
  constructor(options: DocumentWriterOptions) {
    this.#clock = options.clock;
    this.#log = options.log;
    this.#prescriptions = options.prescriptions ?? new TestPrescriptionService(options.clock);
    this.#dmp = options.dmp ?? new TestDmpDeposit();
    this.#fonts = options.fonts ?? loadDocumentFonts();
    if (fontFallback(this.#fonts)) {
      this.#log('document.fontFallback', { missing: 'DejaVu Sans (fonts-dejavu-core)', using: 'Helvetica' });
    }
  }

  /**
   * Renders a composed document for `patient`, signed by `professional`: `sickLeave.refused` (with the
   * reason) for a sick leave the rule refuses, `prescription.unavailable` when no identifier came.
   */
  async write(
    professional: ProfessionalCard,
    patient: PatientSummary,
    document: ComposedDocument,
  ): Promise<Result<WrittenDocument>> {
    if (document.kind === 'sickLeave') {
      if (!isCalendarDate(document.startDate)) return err({ code: 'document.invalid', detail: 'startDate' });
      const allowed = checkSickLeave(professional.profession, document.days, document.exceptions);
      if (!allowed.ok) return allowed;
    }
    let prescriptionId: string | null = null;
    if (document.kind === 'prescription') {
      if (document.lines.length === 0) return err({ code: 'document.empty', detail: 'noLine' });
      const identity = await this.#prescriptions.identify({
        rpps: professional.rpps,
        lines: document.lines.length,
      });
      if (!identity.ok) return err({ code: 'prescription.unavailable', detail: identity.error.code });
      prescriptionId = identity.value.identifier;
    }
    const bytes = await renderDocumentPdf(
      { professional, patient, writtenAt: this.#clock.now(), document, prescriptionId },
      this.#fonts,
    );
    return ok({
      kind: document.kind,
      title: COMPOSED_TITLES[document.kind],
      contentType: 'application/pdf',
      bytes,
    });
  }

  /**
   * Deposits a document in the patient's DMP unless the patient opposed it, their choice is unknown, or
   * their INS is not qualified; answers what became of it.
   */
  async deposit(document: DmpDocument, opposed: boolean | null): Promise<DmpOutcome> {
    const allowed = dmpAllowed(document.patient, opposed);
    const outcome: DmpOutcome = !allowed.ok
      ? allowed.error
      : (await this.#dmp.deposit(document)).ok
        ? { deposited: true }
        : { deposited: false, reason: 'serviceFailed' };
    this.#log(outcome.deposited ? 'dmp.deposited' : 'dmp.notDeposited', {
      sessionId: document.sessionId,
      kind: document.summary.kind,
      ...(outcome.deposited ? {} : { reason: outcome.reason }),
    });
    return outcome;
  }
}

/** Whether an ISO YYYY-MM-DD date is a day of the calendar (not 2026-02-30). */
function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
