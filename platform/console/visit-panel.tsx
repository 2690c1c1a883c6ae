// What the cabin told the professional about the visit before the call: the patient's language, the
// camera and microphone check, and the cover answers with the cost the patient accepted. The questions
// come as a list from the cabin (code, French wording, answer): the panel shows them whatever they are.
import type { CallState } from './desk-view';
import { COVER_ANSWER_LABELS, LOCALE_LABELS, costLines, mediaCheckText } from './french-format';

/** Props of the visit panel. */
export interface VisitPanelProps {
  readonly call: CallState;
}

/** The panel "Avant l'appel" of the call screen. */
export function VisitPanel({ call }: VisitPanelProps) {
  const { visit } = call;
  return (
    <section className="panel" data-testid="visit-info" aria-labelledby="visit-title">
      <h3 id="visit-title">Avant l’appel</h3>
      <ul className="plain">
        <li data-testid="patient-language">
          Langue des écrans du patient : {visit === null ? 'non transmise' : LOCALE_LABELS[visit.locale]}
        </li>
        <li
          data-testid="media-check-result"
          className={call.mediaCheck === 'problem' ? 'alert alert-warning' : undefined}
        >
          {mediaCheckText(call.mediaCheck)}
        </li>
      </ul>
      <h4>Remboursement</h4>
      {visit?.cover == null ? (
        <p className="muted" data-testid="cover-none">
          La cabine n’a transmis ni réponses ni coût.
        </p>
      ) : (
        <>
          {visit.cover.answers.length === 0 ? (
            <p className="muted">Aucune question de parcours de soins posée au patient.</p>
          ) : (
            <dl className="cover-answers" data-testid="cover-answers">
              {visit.cover.answers.map((answer) => (
                <div key={answer.question} className="cover-answer">
                  <dt>{answer.label}</dt>
                  <dd>{COVER_ANSWER_LABELS[answer.answer]}</dd>
                </div>
              ))}
            </dl>
          )}
          <ul className="plain" data-testid="cover-cost">
            {costLines(visit.cover).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
