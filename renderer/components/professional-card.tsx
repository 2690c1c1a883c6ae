// The professional as the rules require the patient to see them before the call.
import type { ProfessionalCard } from '../../contract/domain';
import { fill } from '../i18n';
import { useUi } from '../ui-context';

/** Props of ProfessionalCardView. */
export interface ProfessionalCardViewProps {
  readonly professional: ProfessionalCard;
}

/** Draws civility and name, profession, specialty, RPPS number and address. */
export function ProfessionalCardView({ professional }: ProfessionalCardViewProps) {
  const { strings } = useUi();
  return (
    <div className="person-card" data-testid="professional">
      <p className="person-name">
        {professional.civility} {professional.name}
      </p>
      <p className="person-detail">
        {strings.professionNames[professional.profession]}
        {professional.specialty !== '' && ` · ${professional.specialty}`}
      </p>
      <p className="person-detail">{fill(strings.waitingRoom.rpps, { rpps: professional.rpps })}</p>
      <p className="person-detail">{professional.address}</p>
    </div>
  );
}
