// The live line telling how a measurement is going, shared by the measurement and consultation steps.
import type { MeasurementProgress } from '../../contract/domain';
import { progressText } from '../measurement-text';
import { useUi } from '../ui-context';

/** Props of MeasurementProgressLine. */
export interface MeasurementProgressLineProps {
  readonly progress: MeasurementProgress | null;
}

/** The progress of the measurement (`data-testid="progress"`), announced politely as it changes. */
export function MeasurementProgressLine({ progress }: MeasurementProgressLineProps) {
  const { strings, locale } = useUi();
  return (
    <p className="lead lead-strong" data-testid="progress" aria-live="polite">
      {progressText(strings, progress, locale)}
    </p>
  );
}
