// The live line telling how a measurement is going, shared by the measurement and consultation steps,
// and "do not talk" for the measurements that need silence (blood pressure), never for the others.
import type { MeasurementKind, MeasurementProgress } from '../../contract/domain';
import { needsSilence, progressText } from '../measurement-text';
import { useUi } from '../ui-context';

/** Props of MeasurementProgressLine. */
export interface MeasurementProgressLineProps {
  readonly kind: MeasurementKind;
  readonly progress: MeasurementProgress | null;
}

/** The progress of the measurement (`data-testid="progress"`), announced politely as it changes. */
export function MeasurementProgressLine({ kind, progress }: MeasurementProgressLineProps) {
  const { strings, locale } = useUi();
  return (
    <>
      <p className="lead lead-strong" data-testid="progress" aria-live="polite">
        {progressText(strings, progress, locale)}
      </p>
      <KeepSilentNote kind={kind} />
    </>
  );
}

/** "Do not talk during the measurement" (`keep-silent`), for the kinds that need it only. */
export function KeepSilentNote({ kind }: { readonly kind: MeasurementKind }) {
  const { strings } = useUi();
  if (!needsSilence(kind)) return null;
  return (
    <p className="note" data-testid="keep-silent">
      {strings.measurements.keepSilent}
    </p>
  );
}
