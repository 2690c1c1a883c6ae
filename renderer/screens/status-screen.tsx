// The screens shown outside a patient's session: starting, cleaning, out of service, or waiting for a view.
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { useUi } from '../ui-context';

/** What the cabin is doing when no session screen can be drawn. */
export type CabinStatus = 'booting' | 'cleaning' | 'maintenance' | 'outOfService' | 'loading';

/** Props of StatusScreen. */
export interface StatusScreenProps {
  readonly status: CabinStatus;
}

/** Draws a calm full-screen message for the cabin's status; maintenance looks like out of service to patients. */
export function StatusScreen({ status }: StatusScreenProps) {
  const { strings } = useUi();
  switch (status) {
    case 'booting':
      return (
        <ScreenFrame screen="status" stage="booting" title={strings.status.booting}>
          <Spinner />
        </ScreenFrame>
      );
    case 'loading':
      return (
        <ScreenFrame screen="status" stage="loading" title={strings.status.loading}>
          <Spinner />
        </ScreenFrame>
      );
    case 'cleaning':
      return (
        <ScreenFrame screen="status" stage="cleaning" title={strings.status.cleaning}>
          <Spinner />
          <p className="lead">{strings.status.cleaningHint}</p>
        </ScreenFrame>
      );
    case 'maintenance':
    case 'outOfService':
      return (
        <ScreenFrame screen="status" stage={status} title={strings.status.outOfServiceTitle}>
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
