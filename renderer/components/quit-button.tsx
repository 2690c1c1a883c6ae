// An in-screen "Arrêter" button; it opens the same quit dialog as the header's.
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';

/** Props of QuitButton. */
export interface QuitButtonProps {
  readonly testId: string;
  readonly requestQuit: () => void;
}

/** A danger button labelled "Arrêter" that asks for confirmation through `requestQuit`. */
export function QuitButton({ testId, requestQuit }: QuitButtonProps) {
  const { strings } = useUi();
  return (
    <ActionButton testId={testId} kind="danger" onPress={requestQuit}>
      {strings.common.quit}
    </ActionButton>
  );
}
