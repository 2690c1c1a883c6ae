// Step 2: what a teleconsultation is, who sees what, and the standard cost, before anything is accepted.
import type { InformationScreen as InformationView } from '../../contract/cabin-view';
import { ContinueButton } from '../components/continue-button';
import { CostTable } from '../components/cost-table';
import { ScreenFrame } from '../components/screen-frame';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the information screen; the cost is shown above the only button, "J'ai compris" (patient.next). */
export function InformationScreen({ screen, act }: StepProps<InformationView>) {
  const { strings } = useUi();
  const s = strings.information;
  return (
    <ScreenFrame
      screen="information"
      title={s.title}
      actions={<ContinueButton act={act}>{s.understood}</ContinueButton>}
    >
      <ul className="plain-list">
        <li>{s.what}</li>
        <li>{s.privacy}</li>
        <li>{s.nothingKept}</li>
      </ul>
      <h2 className="section-title">{s.costTitle}</h2>
      <p>{s.costExample}</p>
      <CostTable cost={screen.standardCost} />
      <p className="note">{s.costNote}</p>
    </ScreenFrame>
  );
}
