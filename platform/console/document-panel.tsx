// The documents of the consultation: a document written here (sent as text/plain) or a PDF file picked
// from the computer, both sent to the cabin with `document.push`, and the list of what was sent.
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
import { DOCUMENT_KIND_LABELS, formatNumber, pagesText } from './french-format';
import type { OutgoingDocument } from './desk-view';

/** Props of the document panel. */
export interface DocumentPanelProps {
  readonly documents: readonly DocumentSummary[];
  /** Sends one document; answers true once the platform has it. */
  readonly onSend: (document: OutgoingDocument) => Promise<boolean>;
  /** Shows why a document cannot be sent. */
  readonly onProblem: (message: string) => void;
}

const KINDS = Object.keys(DOCUMENT_KIND_LABELS) as DocumentSummary['kind'][];
const SIZE_LIMIT = `${formatNumber(MAX_DOCUMENT_BYTES / 1_000_000)}\u00a0Mo`;

const TEXT_PROBLEMS: Readonly<Record<DocumentProblem, string>> = {
  empty: 'Écrivez le texte du document avant de l’envoyer.',
  tooLarge: `Le texte dépasse ${SIZE_LIMIT} : il ne peut pas être envoyé.`,
  notPdf: 'Ce texte ne peut pas être envoyé.',
};

const FILE_PROBLEMS: Readonly<Record<DocumentProblem, string>> = {
  empty: 'Choisissez un fichier PDF.',
  tooLarge: `Le fichier dépasse ${SIZE_LIMIT} : il ne peut pas être envoyé.`,
  notPdf: 'Ce fichier n’est pas un PDF.',
};

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
      onProblem(FILE_PROBLEMS.empty);
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
    }
  };

  return (
    <section className="panel documents" aria-labelledby="documents-title">
      <h3 id="documents-title">Documents</h3>
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
        <label htmlFor="document-file">Ou envoyer un fichier PDF ({SIZE_LIMIT} au plus)</label>
        <input
          id="document-file"
          data-testid="document-file"
          type="file"
          accept="application/pdf"
          ref={fileInput}
        />
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
          </li>
        ))}
      </ul>
    </section>
  );
}
