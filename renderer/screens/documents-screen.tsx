// Step 8: the documents left by the professional, the Mon espace santé opposition, and printing.
import type { DocumentsScreen as DocumentsView } from '../../contract/cabin-view';
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
  const skip = (
    <ActionButton testId="skip" kind="secondary" onPress={send('patient.skip')}>
      {s.continueWithoutPrinting}
    </ActionButton>
  );
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
            <ul className="document-list">
              {screen.documents.map((document) => (
                <li key={document.id} className="document" data-testid={`document-${document.id}`}>
                  <span className="document-title">{document.title}</span>
                  <span className="document-detail">
                    {s.kinds[document.kind]} ·{' '}
                    {document.pages === 1 ? s.pagesOne : fill(s.pagesMany, { count: document.pages })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="lead">{s.none}</p>
          )}
          <Toggle
            testId="dmp-opposed"
            checked={screen.dmpOpposed}
            onChange={(opposed) => act({ type: 'patient.setDmpOpposition', opposed })}
          >
            {s.dmpOpposed}
          </Toggle>
          <p className="note">{s.dmpNote}</p>
        </ScreenFrame>
      );
    }
    case 'printing':
      return <WaitingScreen screen={screen} title={s.printingTitle} lead={s.printingBody} />;
    case 'printed':
      return (
        <ScreenFrame screen={screen} title={s.printedTitle} actions={<ContinueButton act={act} />}>
          <p className="lead">{s.printedBody}</p>
        </ScreenFrame>
      );
    case 'printFailed':
      return (
        <FailureScreen view={screen} act={act} title={s.printFailedTitle} alternative={skip}>
          <p className="lead">{screen.dmpOpposed ? s.stayAvailableMessaging : s.stayAvailableDmp}</p>
        </FailureScreen>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown documents stage ${String(unknown)}`);
    }
  }
}
