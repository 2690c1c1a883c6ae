// Step 6: measurements guided one by one, each skippable, with a progress strip of all of them.
import type { MeasurementSlot, MeasurementsScreen as MeasurementsView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ContinueButton } from '../components/continue-button';
import { FailureScreen } from '../components/failure-screen';
import { KeepSilentNote, MeasurementProgressLine } from '../components/measurement-progress';
import { MeasurementResultValues } from '../components/measurement-result';
import { ScreenFrame } from '../components/screen-frame';
import { WaitingScreen } from '../components/waiting-screen';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the measurement stage the session is in, under the strip of all measurements. */
export function MeasurementsScreen({ screen, act, send }: StepProps<MeasurementsView>) {
  const { strings } = useUi();
  const s = strings.measurements;
  const kind = s.kinds[screen.current];
  const strip = <SlotStrip slots={screen.slots} current={screen.current} />;
  const skip = (
    <ActionButton testId="skip" kind="secondary" onPress={send('patient.skip')}>
      {s.skip}
    </ActionButton>
  );
  switch (screen.stage) {
    case 'instructions':
      return (
        <ScreenFrame
          screen={screen}
          title={fill(s.instructionsTitle, { kind })}
          actions={
            <>
              {skip}
              <ActionButton testId="start-measurement" onPress={send('patient.startMeasurement')}>
                {s.start}
              </ActionButton>
            </>
          }
        >
          {strip}
          <p className="lead" data-testid="instructions">
            {s.instructions[screen.current]}
          </p>
          <KeepSilentNote kind={screen.current} />
          <p className="note">{s.optional}</p>
        </ScreenFrame>
      );
    case 'measuring':
      return (
        <WaitingScreen screen={screen} title={fill(s.measuringTitle, { kind })} before={strip}>
          <MeasurementProgressLine kind={screen.current} progress={screen.progress} />
        </WaitingScreen>
      );
    case 'result':
      return (
        <ScreenFrame
          screen={screen}
          title={fill(s.resultTitle, { kind })}
          actions={
            <>
              <ActionButton testId="retry" kind="secondary" onPress={send('patient.retry')}>
                {s.redo}
              </ActionButton>
              <ContinueButton act={act} />
            </>
          }
        >
          {strip}
          {screen.result !== null && <MeasurementResultValues result={screen.result} />}
          <p className="note">{s.resultNote}</p>
        </ScreenFrame>
      );
    case 'failed':
      return (
        <FailureScreen view={screen} act={act} title={s.failedTitle} alternative={skip} before={strip} />
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown measurements stage ${String(unknown)}`);
    }
  }
}

/** The list of measurements with the status of each, the current one highlighted. */
function SlotStrip({
  slots,
  current,
}: {
  slots: readonly MeasurementSlot[];
  current: MeasurementSlot['kind'];
}) {
  const { strings } = useUi();
  const s = strings.measurements;
  return (
    <ol className="slot-strip" aria-label={s.progressLabel}>
      {slots.map((slot) => (
        <li
          key={slot.kind}
          className={`slot slot-${slot.status}${slot.kind === current ? ' slot-current' : ''}`}
          data-testid={`slot-${slot.kind}`}
          data-status={slot.status}
          aria-current={slot.kind === current ? 'step' : undefined}
        >
          <span className="slot-kind">{s.kinds[slot.kind]}</span>
          <span className="slot-status">{s.statuses[slot.status]}</span>
        </li>
      ))}
    </ol>
  );
}
