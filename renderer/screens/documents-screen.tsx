// Step 8: the documents left by the professional, each with where it is in the printing, the pharmacy
// of the patient's choice, the Mon espace santé opposition, and a way on when the printer fails.
import type { DocumentPrintStatus, DocumentsScreen as DocumentsView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ContinueButton } from '../components/continue-button';
import { FailureScreen } from '../components/failure-screen';
import { ScreenFrame } from '../components/screen-frame';
import { Toggle } from '../components/toggle';
import { WaitingScreen } from '../components/waiting-screen';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the documents stage the session is in. */
export function DocumentsScreen({ screen, act, send }: StepProps<DocumentsView>) {
  const { strings } = useUi();
  const s = strings.documents;
  switch (screen.stage) {
    case 'review': {
      const hasDocuments = screen.documents.length > 0;
      return (
        <ScreenFrame
          screen={screen}
          title={s.reviewTitle}
          actions={
            hasDocuments ? (
              <ActionButton testId="print" onPress={send('patient.print')}>
                {s.print}
              </ActionButton>
            ) : (
              <ContinueButton act={act} />
            )
          }
        >
          {hasDocuments ? (
            <DocumentList screen={screen} showStatus={false} />
          ) : (
            <p className="lead">{s.none}</p>
          )}
          <PharmacyNote screen={screen} />
          <p className="note" data-testid="dmp-what">
            {s.dmpWhat}
          </p>
          <Toggle
            testId="dmp-opposed"
            checked={screen.dmpOpposed}
            onChange={(opposed) => act({ type: 'patient.setDmpOpposition', opposed })}
          >
            {s.dmpOpposed}
          </Toggle>
          <p className="note" data-testid="dmp-choice">
            {screen.dmpOpposed ? s.dmpWillNotSend : s.dmpWillSend}
          </p>
        </ScreenFrame>
      );
    }
    case 'printing':
      return (
        <WaitingScreen screen={screen} title={s.printingTitle} lead={s.printingBody}>
          <DocumentList screen={screen} showStatus />
          <PharmacyNote screen={screen} />
        </WaitingScreen>
      );
    case 'printed':
      return (
        <ScreenFrame screen={screen} title={s.printedTitle} actions={<ContinueButton act={act} />}>
          <p className="lead">{s.printedBody}</p>
          <DocumentList screen={screen} showStatus />
          <PharmacyNote screen={screen} />
        </ScreenFrame>
      );
    case 'printFailed':
      return (
        <FailureScreen
          view={screen}
          act={act}
          title={s.printFailedTitle}
          alternative={
            <ActionButton testId="skip" kind="secondary" onPress={send('patient.skip')}>
              {s.continueWithoutPrinting}
            </ActionButton>
          }
        >
          <DocumentList screen={screen} showStatus />
          <div className="documents-elsewhere" data-testid="documents-elsewhere">
            {!screen.dmpOpposed && <p className="lead">{s.elsewhereDmp}</p>}
            <p className="lead">{s.elsewhereProfessional}</p>
            <p className="lead">{s.elsewhereAttendant}</p>
          </div>
          <PharmacyNote screen={screen} />
        </FailureScreen>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown documents stage ${String(unknown)}`);
    }
  }
}

// Each document: its title, kind and pages, and (once printing started) where it is, said in words.
function DocumentList({
  screen,
  showStatus,
}: {
  readonly screen: DocumentsView;
  readonly showStatus: boolean;
}) {
  const { strings } = useUi();
  const s = strings.documents;
  const statusOf = (id: string): DocumentPrintStatus =>
    screen.progress.find((entry) => entry.id === id)?.status ?? 'waiting';
  return (
    <ul className="document-list" aria-live={showStatus ? 'polite' : undefined}>
      {screen.documents.map((document) => {
        const status = statusOf(document.id);
        return (
          <li key={document.id} className="document" data-testid={`document-${document.id}`}>
            <span className="document-title">{document.title}</span>
            <span className="document-detail">
              {s.kinds[document.kind]} ·{' '}
              {document.pages === 1 ? s.pagesOne : fill(s.pagesMany, { count: document.pages })}
            </span>
            {showStatus && (
              <span
                className={`document-status document-status-${status}`}
                data-testid={`document-status-${document.id}`}
                data-status={status}
              >
                {s.status[status]}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// The prescription can be taken to any pharmacy: said where the prescription is, on this screen only.
function PharmacyNote({ screen }: { readonly screen: DocumentsView }) {
  const { strings } = useUi();
  if (!screen.documents.some((document) => document.kind === 'prescription')) return null;
  return (
    <p className="lead" data-testid="pharmacy">
      {strings.documents.pharmacy}
    </p>
  );
}
