// The documents of the consultation: a document written here (sent as text/plain) or a PDF file picked
// from the computer, both sent to the cabin with `document.push`, and the list of what was sent. The file
// picker is a French button and the chosen file's name: the native input (visually hidden, still
// reachable by keyboard and assistive technology) would speak the browser's language.
import { useRef, useState } from 'react';
import type { DocumentSummary } from '../../contract/domain';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import {
  encodePdf,
  encodeText,
  readFileBytes,
  titleFromFileName,
  type DocumentProblem,
} from './document-encoding';
import {
  DOCUMENT_KIND_LABELS,
  dmpOutcomeText,
  emptyDocumentText,
  formatNumber,
  pagesText,
} from './french-format';
import type { OutgoingDocument, SentDocument } from './desk-view';

/** Props of the document panel. */
export interface DocumentPanelProps {
  readonly documents: readonly SentDocument[];
  /** Sends one document; answers true once the platform has it. */
  readonly onSend: (document: OutgoingDocument) => Promise<boolean>;
  /** Shows why a document cannot be sent. */
  readonly onProblem: (message: string) => void;
}

const KINDS = Object.keys(DOCUMENT_KIND_LABELS) as DocumentSummary['kind'][];
const SIZE_LIMIT = `${formatNumber(MAX_DOCUMENT_BYTES / 1_000_000)}\u00a0Mo`;

const TEXT_PROBLEMS: Readonly<Record<DocumentProblem, string>> = {
  empty: `${emptyDocumentText('blankText')} Écrivez le texte du document avant de l’envoyer.`,
  tooLarge: `Le texte dépasse ${SIZE_LIMIT} : il ne peut pas être envoyé.`,
  notPdf: 'Ce texte ne peut pas être envoyé.',
};

const FILE_PROBLEMS: Readonly<Record<DocumentProblem, string>> = {
  empty: emptyDocumentText('noBytes'),
  tooLarge: `Le fichier dépasse ${SIZE_LIMIT} : il ne peut pas être envoyé.`,
  notPdf: 'Ce fichier n’est pas un PDF.',
};

/** No file was picked yet. */
const NO_FILE = 'Choisissez d’abord un fichier PDF avec le bouton « Choisir un fichier ».';

function isDocumentKind(value: string): value is DocumentSummary['kind'] {
  return (KINDS as string[]).includes(value);
}

/** The panel to write or upload documents during the call. */
export function DocumentPanel({ documents, onSend, onProblem }: DocumentPanelProps) {
  const [kind, setKind] = useState<DocumentSummary['kind']>('prescription');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentNote, setSentNote] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const send = async (document: OutgoingDocument): Promise<boolean> => {
    setBusy(true);
    setSentNote(null);
    const sent = await onSend(document);
    setBusy(false);
    if (sent) setSentNote(`« ${document.title} » envoyé au patient.`);
    return sent;
  };

  const sendText = async (): Promise<void> => {
    const encoded = encodeText(body);
    if (!encoded.ok) {
      onProblem(TEXT_PROBLEMS[encoded.problem]);
      return;
    }
    const documentTitle = title.trim() === '' ? DOCUMENT_KIND_LABELS[kind] : title.trim();
    const sent = await send({
      kind,
      title: documentTitle,
      contentType: 'text/plain',
      base64: encoded.base64,
    });
    if (sent) {
      setTitle('');
      setBody('');
    }
  };

  const sendFile = async (): Promise<void> => {
    const input = fileInput.current;
    const file = input?.files?.[0];
    if (input === null || file === undefined) {
      onProblem(NO_FILE);
      return;
    }
    // The size is known before reading: a large file is refused without loading it.
    if (file.size > MAX_DOCUMENT_BYTES) {
      onProblem(FILE_PROBLEMS.tooLarge);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch {
      onProblem('Le fichier n’a pas pu être lu.');
      return;
    }
    const encoded = encodePdf(bytes);
    if (!encoded.ok) {
      onProblem(FILE_PROBLEMS[encoded.problem]);
      return;
    }
    const fromName = titleFromFileName(file.name);
    const documentTitle =
      title.trim() !== '' ? title.trim() : fromName !== '' ? fromName : DOCUMENT_KIND_LABELS[kind];
    const sent = await send({
      kind,
      title: documentTitle,
      contentType: 'application/pdf',
      base64: encoded.base64,
    });
    if (sent) {
      setTitle('');
      input.value = '';
      setFileName(null);
    }
  };

  return (
    <section className="panel documents" aria-labelledby="documents-title">
      <h3 id="documents-title">Texte libre ou fichier PDF</h3>
      <div className="form-row">
        <label htmlFor="document-kind">Type</label>
        <select
          id="document-kind"
          data-testid="document-kind"
          value={kind}
          onChange={(event) => {
            if (isDocumentKind(event.target.value)) setKind(event.target.value);
          }}
        >
          {KINDS.map((option) => (
            <option key={option} value={option}>
              {DOCUMENT_KIND_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="document-title">Titre</label>
        <input
          id="document-title"
          data-testid="document-title"
          value={title}
          maxLength={120}
          placeholder={DOCUMENT_KIND_LABELS[kind]}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <label htmlFor="document-text">Texte du document</label>
      <textarea
        id="document-text"
        data-testid="document-text"
        rows={7}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
      <button
        type="button"
        className="primary"
        data-testid="document-send"
        disabled={busy}
        onClick={() => void sendText()}
      >
        Envoyer le document
      </button>
      <div className="upload">
        <p className="upload-title" id="document-file-title">
          Ou envoyer un fichier PDF ({SIZE_LIMIT} au plus)
        </p>
        <div className="file-picker">
          <input
            id="document-file"
            data-testid="document-file"
            className="visually-hidden"
            type="file"
            accept="application/pdf"
            aria-describedby="document-file-title document-file-name"
            ref={fileInput}
            onChange={(event) => setFileName(event.target.files?.[0]?.name ?? null)}
          />
          <label htmlFor="document-file" className="button-like" data-testid="document-file-choose">
            Choisir un fichier
          </label>
          <span id="document-file-name" className="file-name" data-testid="document-file-name">
            {fileName ?? 'Aucun fichier choisi'}
          </span>
        </div>
        <button type="button" data-testid="document-upload" disabled={busy} onClick={() => void sendFile()}>
          Envoyer le PDF
        </button>
      </div>
      {sentNote !== null && (
        <p className="note" role="status" data-testid="document-sent-note">
          {sentNote}
        </p>
      )}
      <h4>Documents envoyés</h4>
      {documents.length === 0 && <p className="muted">Aucun document envoyé.</p>}
      <ul className="plain sent-documents" data-testid="documents-sent">
        {documents.map((document, index) => (
          <li key={`${document.id}-${index}`}>
            {DOCUMENT_KIND_LABELS[document.kind]} — {document.title}
            {document.pages > 0 && ` (${pagesText(document.pages)})`}
            {document.dmp !== null && (
              <span
                className={document.dmp.deposited ? 'dmp-outcome' : 'dmp-outcome not-deposited'}
                data-testid="document-dmp"
              >
                {dmpOutcomeText(document.dmp)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
