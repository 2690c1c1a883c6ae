// The patient's help call during the consultation: "Le patient demande de l'aide", and a button to say
// the professional takes care of it (the cabin's banner then goes, and the support's list says so).

/** Props of the help call notice. */
export interface HelpCallNoticeProps {
  readonly onAnswer: () => void;
}

/** The notice (`call-help`) with its answer button (`call-help-answer`), shown while the patient waits for help. */
export function HelpCallNotice({ onAnswer }: HelpCallNoticeProps) {
  return (
    <div className="alert alert-warning" role="alert" data-testid="call-help">
      <p>
        <strong>Le patient demande de l’aide.</strong> La personne de l’accueil de la pharmacie a été
        prévenue.
      </p>
      <button type="button" data-testid="call-help-answer" onClick={onAnswer}>
        Je m’en occupe
      </button>
    </div>
  );
}
