// The documents the professional writes during the call, which the platform fills in (the professional,
// the patient, the date), renders to PDF and sends to the cabin: an ordonnance (one line a medicine or
// an act, with its dosage and duration; the platform adds the e-prescription identifier), an arrêt de
// travail (its days, and the exception that allows more than 3 days in teleconsultation), a compte
// rendu for the médecin traitant. The platform checks the sick-leave rule and says why it refuses.
import { useState } from 'react';
import type { Clock } from '../../contract/clock';
import {
  MAX_COMPOSED_TEXT_LENGTH,
  MAX_PRESCRIPTION_DETAIL_LENGTH,
  MAX_PRESCRIPTION_ITEM_LENGTH,
  MAX_PRESCRIPTION_LINES,
  MAX_SICK_LEAVE_DAYS,
  SICK_LEAVE_EXCEPTIONS,
  checkSickLeave,
  type ComposedDocument,
  type PrescriptionLine,
  type SickLeaveException,
} from '../../contract/composed-document';
import type { ProfessionalCard } from '../../contract/domain';
import type { PatientSummary } from '../../contract/platform-protocol';
import { DOCUMENT_KIND_LABELS, formatBirthDate, sickLeaveRefusalText } from './french-format';

/** Props of the composer. */
export interface DocumentComposerProps {
  readonly professional: ProfessionalCard;
  readonly patient: PatientSummary | null;
  readonly clock: Clock;
  /** Has the platform write and send the document; answers true once it did. */
  readonly onCompose: (document: ComposedDocument) => Promise<boolean>;
  /** Shows why a document cannot be sent. */
  readonly onProblem: (message: string) => void;
}

type ComposedKind = ComposedDocument['kind'];

const COMPOSED_KINDS: readonly ComposedKind[] = ['prescription', 'sickLeave', 'report'];

const EXCEPTION_LABELS: Readonly<Record<SickLeaveException, string>> = {
  treatingDoctor: 'Je suis le médecin traitant du patient',
  referringMidwife: 'Je suis la sage-femme référente de la patiente',
  extensionCouldNotConsult: 'Prolongation : le patient ne pouvait pas consulter en personne',
};

const EMPTY_LINE: PrescriptionLine = { item: '', dosage: '', duration: '' };

/** Today's date in Paris, ISO YYYY-MM-DD. */
function todayIso(now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

function isComposedKind(value: string): value is ComposedKind {
  return (COMPOSED_KINDS as readonly string[]).includes(value);
}

/** The form to write an ordonnance, an arrêt de travail or a compte rendu. */
export function DocumentComposer({
  professional,
  patient,
  clock,
  onCompose,
  onProblem,
}: DocumentComposerProps) {
  const [kind, setKind] = useState<ComposedKind>('prescription');
  const [lines, setLines] = useState<readonly PrescriptionLine[]>([EMPTY_LINE]);
  const [startDate, setStartDate] = useState(() => todayIso(clock.now()));
  const [days, setDays] = useState('3');
  const [motive, setMotive] = useState('');
  const [exceptions, setExceptions] = useState<readonly SickLeaveException[]>([]);
  const [report, setReport] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentNote, setSentNote] = useState<string | null>(null);

  // The platform applies the sick-leave rule; the form says it beforehand.
  const rule = Number.isInteger(Number(days))
    ? checkSickLeave(professional.profession, Number(days), exceptions)
    : null;
  const ruleWarning = rule !== null && !rule.ok ? sickLeaveRefusalText(rule.error.detail) : null;

  const setLine = (index: number, field: keyof PrescriptionLine, value: string): void =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, [field]: value } : line)));

  /** The document to send, or the French reason it cannot go yet. */
  const build = (): ComposedDocument | string => {
    switch (kind) {
      case 'prescription': {
        const written = lines
          .map((line) => ({
            item: line.item.trim(),
            dosage: line.dosage.trim(),
            duration: line.duration.trim(),
          }))
          .filter((line) => line.item !== '' || line.dosage !== '' || line.duration !== '');
        if (written.length === 0) return 'L’ordonnance est vide : écrivez au moins un médicament ou un acte.';
        if (written.some((line) => line.item === '')) {
          return 'Chaque ligne de l’ordonnance doit nommer un médicament ou un acte.';
        }
        return { kind, lines: written };
      }
      case 'sickLeave': {
        const count = Number(days);
        if (!Number.isInteger(count) || count < 1 || count > MAX_SICK_LEAVE_DAYS) {
          return `Indiquez un nombre de jours d’arrêt entre 1 et ${MAX_SICK_LEAVE_DAYS}.`;
        }
        if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return 'Indiquez la date du premier jour d’arrêt.';
        return { kind, startDate, days: count, motive: motive.trim(), exceptions };
      }
      case 'report':
        if (report.trim() === '') return 'Le compte rendu est vide : écrivez-le avant de l’envoyer.';
        return { kind, text: report.trim() };
    }
  };

  const send = async (): Promise<void> => {
    const document = build();
    if (typeof document === 'string') {
      onProblem(document);
      return;
    }
    setBusy(true);
    setSentNote(null);
    const sent = await onCompose(document);
    setBusy(false);
    if (!sent) return;
    setSentNote(`« ${DOCUMENT_KIND_LABELS[kind]} » envoyé au patient.`);
    if (kind === 'prescription') setLines([EMPTY_LINE]);
    if (kind === 'sickLeave') {
      setMotive('');
      setExceptions([]);
    }
    if (kind === 'report') setReport('');
  };

  return (
    <section className="panel composer" aria-labelledby="composer-title">
      <h3 id="composer-title">Rédiger un document</h3>
      <div className="form-row">
        <label htmlFor="compose-kind">Document</label>
        <select
          id="compose-kind"
          data-testid="compose-kind"
          value={kind}
          onChange={(event) => {
            if (isComposedKind(event.target.value)) setKind(event.target.value);
            setSentNote(null);
          }}
        >
          {COMPOSED_KINDS.map((option) => (
            <option key={option} value={option}>
              {option === 'report' ? 'Compte rendu pour le médecin traitant' : DOCUMENT_KIND_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <p className="muted composer-heading" data-testid="compose-heading">
        {professional.civility} {professional.name} — {professional.specialty} — RPPS {professional.rpps}
        <br />
        {patient === null
          ? 'Patient'
          : `Patient : ${patient.surname.toUpperCase()} ${patient.firstName}, né(e) le ${formatBirthDate(patient.birthDate)}`}
        {' — '}le {formatBirthDate(todayIso(clock.now()))}
      </p>

      {kind === 'prescription' && (
        <fieldset className="prescription-lines">
          <legend>Une ligne par médicament ou acte</legend>
          {lines.map((line, index) => (
            <div className="prescription-line" data-testid="prescription-line" key={index}>
              <input
                aria-label={`Ligne ${index + 1} : médicament ou acte`}
                placeholder="Médicament ou acte"
                data-testid={`line-item-${index}`}
                maxLength={MAX_PRESCRIPTION_ITEM_LENGTH}
                value={line.item}
                onChange={(event) => setLine(index, 'item', event.target.value)}
              />
              <input
                aria-label={`Ligne ${index + 1} : posologie`}
                placeholder="Posologie"
                data-testid={`line-dosage-${index}`}
                maxLength={MAX_PRESCRIPTION_DETAIL_LENGTH}
                value={line.dosage}
                onChange={(event) => setLine(index, 'dosage', event.target.value)}
              />
              <input
                aria-label={`Ligne ${index + 1} : durée`}
                placeholder="Durée"
                data-testid={`line-duration-${index}`}
                maxLength={MAX_PRESCRIPTION_DETAIL_LENGTH}
                value={line.duration}
                onChange={(event) => setLine(index, 'duration', event.target.value)}
              />
              <button
                type="button"
                data-testid={`line-remove-${index}`}
                aria-label={`Retirer la ligne ${index + 1}`}
                disabled={lines.length === 1}
                onClick={() => setLines((current) => current.filter((_, i) => i !== index))}
              >
                Retirer
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid="line-add"
            disabled={lines.length >= MAX_PRESCRIPTION_LINES}
            onClick={() => setLines((current) => [...current, EMPTY_LINE])}
          >
            Ajouter une ligne
          </button>
          <p className="muted">L’identifiant de l’ordonnance (QR code) est ajouté à l’envoi.</p>
        </fieldset>
      )}

      {kind === 'sickLeave' && (
        <fieldset className="sick-leave">
          <legend>Arrêt de travail</legend>
          <div className="form-row">
            <label htmlFor="sick-leave-start">Premier jour</label>
            <input
              id="sick-leave-start"
              type="date"
              data-testid="sick-leave-start"
              value={startDate}
              onChange={(event) => setStartDate(event.target.value)}
            />
          </div>
          <div className="form-row">
            <label htmlFor="sick-leave-days">Nombre de jours</label>
            <input
              id="sick-leave-days"
              type="number"
              min={1}
              max={MAX_SICK_LEAVE_DAYS}
              data-testid="sick-leave-days"
              value={days}
              onChange={(event) => setDays(event.target.value)}
            />
          </div>
          <label htmlFor="sick-leave-motive">Éléments d’ordre médical</label>
          <textarea
            id="sick-leave-motive"
            data-testid="sick-leave-motive"
            rows={3}
            maxLength={MAX_COMPOSED_TEXT_LENGTH}
            value={motive}
            onChange={(event) => setMotive(event.target.value)}
          />
          <p className="muted">
            En téléconsultation, au-delà de 3 jours, cochez l’exception qui s’applique :
          </p>
          {ruleWarning !== null && (
            <p className="note warning" role="note" data-testid="sick-leave-warning">
              {ruleWarning}
            </p>
          )}
          {SICK_LEAVE_EXCEPTIONS.map((exception) => (
            <label className="checkbox" key={exception}>
              <input
                type="checkbox"
                data-testid={`exception-${exception}`}
                checked={exceptions.includes(exception)}
                onChange={(event) => {
                  const checked = event.target.checked;
                  setExceptions((current) =>
                    checked ? [...current, exception] : current.filter((kept) => kept !== exception),
                  );
                }}
              />{' '}
              {EXCEPTION_LABELS[exception]}
            </label>
          ))}
        </fieldset>
      )}

      {kind === 'report' && (
        <>
          <label htmlFor="report-text">Compte rendu adressé au médecin traitant du patient</label>
          <textarea
            id="report-text"
            data-testid="report-text"
            rows={7}
            maxLength={MAX_COMPOSED_TEXT_LENGTH}
            value={report}
            onChange={(event) => setReport(event.target.value)}
          />
        </>
      )}

      <button
        type="button"
        className="primary"
        data-testid="compose-send"
        disabled={busy}
        onClick={() => void send()}
      >
        Envoyer au patient
      </button>
      {sentNote !== null && (
        <p className="note" role="status" data-testid="compose-sent-note">
          {sentNote}
        </p>
      )}
    </section>
  );
}
