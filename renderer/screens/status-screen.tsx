// The screens shown outside a patient's session: starting, cleaning, out of service, or waiting for a view.
import { ScreenFrame } from '../components/screen-frame';
import { WaitingScreen } from '../components/waiting-screen';
import { useUi } from '../ui-context';

/** What the cabin is doing when no session screen can be drawn. */
export type CabinStatus = 'booting' | 'cleaning' | 'maintenance' | 'outOfService' | 'loading';

/** Props of StatusScreen. */
export interface StatusScreenProps {
  readonly status: CabinStatus;
  /** The attendant's words for patients while out of service (`out-of-service-message`); null for the usual words. */
  readonly message?: string | null;
}

/** Draws a calm full-screen message for the cabin's status; maintenance looks like out of service to patients. */
export function StatusScreen({ status, message = null }: StatusScreenProps) {
  const { strings } = useUi();
  switch (status) {
    case 'booting':
    case 'loading':
      return <WaitingScreen screen="status" stage={status} title={strings.status[status]} />;
    case 'cleaning':
      return (
        <WaitingScreen
          screen="status"
          stage="cleaning"
          title={strings.status.cleaning}
          lead={strings.status.cleaningHint}
        />
      );
    case 'maintenance':
    case 'outOfService':
      return (
        <ScreenFrame screen="status" stage={status} title={strings.status.outOfServiceTitle}>
          {message !== null && message !== '' && (
            <p className="lead out-of-service-message" data-testid="out-of-service-message">
              {message}
            </p>
          )}
          <p className="lead">{strings.status.outOfServiceBody}</p>
          <p className="lead">{strings.status.outOfServiceHint}</p>
        </ScreenFrame>
      );
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}
