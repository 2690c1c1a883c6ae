// The consultation screen: the patient's video (large) and the practitioner's own (small), what the
// cabin says it receives, the patient's identity, consent and measurements, measurement requests,
// documents, and the end of the call.
import { useRef, useState } from 'react';
import type { Clock } from '../../contract/clock';
import { MEASUREMENT_KINDS, type MeasurementKind, type ProfessionalCard } from '../../contract/domain';
import type { ComposedDocument } from '../../contract/composed-document';
import type { InstrumentKind } from '../../contract/instrument';
import { DocumentComposer } from './document-composer';
import { DocumentPanel } from './document-panel';
import { ChatPanel } from './chat-panel';
import { HelpCallNotice } from './help-call-notice';
import { InstrumentPanel, InstrumentVideo, showsInstrumentVideo } from './instrument-panel';
import { StreamVideo } from './stream-video';
import { PatientNeedsList } from './patient-needs';
import {
  IDENTITY_SOURCE_LABELS,
  MEASUREMENT_LABELS,
  birthDateWithAge,
  consentLines,
  formatTime,
  measurementValue,
  patientName,
} from './french-format';
import type { CallState, OutgoingDocument } from './desk-view';
import type { LocalMediaProblem, MediaFailure } from './console-media';
import { BillingPanel } from './billing-panel';
import { VisitPanel } from './visit-panel';

/** Props of the call view. */
export interface CallViewProps {
  readonly call: CallState;
  /** The professional who writes the documents. */
  readonly professional: ProfessionalCard;
  readonly clock: Clock;
  readonly onRequestMeasurement: (kind: MeasurementKind) => void;
  readonly onSendDocument: (document: OutgoingDocument) => Promise<boolean>;
  /** Has the platform write a document (ordonnance, arrêt de travail, compte rendu) and send it. */
  readonly onComposeDocument: (document: ComposedDocument) => Promise<boolean>;
  readonly onProblem: (message: string) => void;
  readonly onEnd: () => void;
  /** The professional takes care of the patient's help call. */
  readonly onAnswerHelp: () => void;
  /** Writes to the patient (the written conversation); answers true once relayed. */
  readonly onSendChat: (text: string) => Promise<boolean>;
  /** Asks the cabin for an examination instrument (it replaces the one on). */
  readonly onRequestInstrument: (kind: InstrumentKind) => void;
  readonly onEndInstrument: () => void;
  /** Keeps the frame the instrument camera shows as a still of this call (in this page only). */
  readonly onTakeStill: (video: HTMLVideoElement) => void;
}

const LOCAL_PROBLEMS: Readonly<Record<LocalMediaProblem, string>> = {
  denied:
    'Le navigateur a refusé l’accès à la caméra et au micro. Le patient ne vous voit pas et ne vous entend pas. Autorisez-les dans les réglages du navigateur.',
  unavailable:
    'Caméra et micro indisponibles. La consultation continue, mais le patient ne vous voit pas et ne vous entend pas.',
  noCamera: 'Caméra indisponible : le patient vous entend mais ne vous voit pas.',
  noMicrophone: 'Micro indisponible : le patient vous voit mais ne vous entend pas.',
};

const MEDIA_FAILURES: Readonly<Record<MediaFailure, string>> = {
  'media.negotiationFailed': 'La liaison vidéo avec la cabine n’a pas pu s’établir.',
  'media.sfuFailed': 'La liaison vidéo avec le serveur n’a pas pu s’établir.',
};

/** The short labels of the measurement request buttons. */
const REQUEST_LABELS: Readonly<Record<MeasurementKind, string>> = {
  bloodPressure: 'Tension',
  temperature: 'Température',
  oxygenSaturation: 'SpO2',
  weight: 'Poids',
};

/** The consultation in progress. */
export function CallView({
  call,
  professional,
  clock,
  onRequestMeasurement,
  onSendDocument,
  onComposeDocument,
  onProblem,
  onEnd,
  onAnswerHelp,
  onSendChat,
  onRequestInstrument,
  onEndInstrument,
  onTakeStill,
}: CallViewProps) {
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const instrumentVideo = useRef<HTMLVideoElement | null>(null);
  const instrumentLarge = showsInstrumentVideo(call.instrument);
  const name = call.patient === null ? 'Patient' : patientName(call.patient);

  return (
    <section className="call" data-testid="call-view" aria-label="Consultation en cours">
      <header className="call-header">
        <div>
          <h2 data-testid="patient-name">{name}</h2>
          {call.patient !== null && (
            <>
              <p className="muted">
                Date de naissance{'\u00a0'}: {birthDateWithAge(call.patient.birthDate, clock.now())}
              </p>
              <p
                data-testid="identity-source"
                className={call.patient.source === 'manual' ? 'identity-unverified' : 'muted'}
              >
                {IDENTITY_SOURCE_LABELS[call.patient.source]}
              </p>
            </>
          )}
          {call.visit !== null && (
            <PatientNeedsList locale={call.visit.locale} needs={call.visit.needs} testId="call-needs" />
          )}
        </div>
        <div className="end-call">
          {confirmingEnd ? (
            <div className="confirm" role="group" aria-label="Confirmer la fin de la consultation">
              <span>Terminer la consultation avec ce patient ?</span>
              <button
                type="button"
                className="danger"
                data-testid="end-confirm"
                disabled={call.ending}
                onClick={onEnd}
              >
                {call.ending ? 'Fin en cours…' : 'Oui, terminer'}
              </button>
              <button
                type="button"
                data-testid="end-cancel"
                disabled={call.ending}
                onClick={() => setConfirmingEnd(false)}
              >
                Annuler
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="danger"
              data-testid="end-call"
              onClick={() => setConfirmingEnd(true)}
            >
              Terminer la consultation
            </button>
          )}
          {call.endAwaitsConnection && (
            <p className="alert alert-warning" role="status" data-testid="end-pending">
              Fin de la consultation : elle sera envoyée dès le retour de la connexion.
            </p>
          )}
        </div>
      </header>
      {call.helpRequested && <HelpCallNotice onAnswer={onAnswerHelp} />}

      <div className="call-grid">
        <div className="call-media">
          <div className="video-stage">
            <InstrumentVideo view={call.instrument} videoRef={instrumentVideo} />
            <StreamVideo
              stream={call.remoteStream}
              testId="remote-video"
              muted={false}
              className={instrumentLarge ? 'remote-video beside-instrument' : 'remote-video'}
              label="Vidéo du patient"
            />
            <StreamVideo
              stream={call.localStream}
              testId="local-video"
              muted
              className="local-video"
              label="Votre image"
            />
            {!call.patientJoined && (
              <p className="stage-note" data-testid="patient-waiting">
                En attente du patient : il lance l’appel depuis la cabine.
              </p>
            )}
          </div>
          {!call.patientPresent && (
            <p className="alert alert-warning" role="status" data-testid="peer-lost">
              Connexion du patient perdue… La cabine tente de se reconnecter.
            </p>
          )}
          <ul className="indicators" aria-label="Ce que le patient reçoit">
            {call.reception.video ? (
              <li className="indicator on" data-testid="patient-sees">
                Le patient vous voit
              </li>
            ) : (
              <li className="indicator off">Le patient ne vous voit pas</li>
            )}
            {call.reception.audio ? (
              <li className="indicator on" data-testid="patient-hears">
                Le patient vous entend
              </li>
            ) : (
              <li className="indicator off">Le patient ne vous entend pas</li>
            )}
          </ul>
          {call.localProblem !== null && (
            <p className="alert alert-warning" data-testid="media-problem">
              {LOCAL_PROBLEMS[call.localProblem]}
            </p>
          )}
          {call.mediaFailure !== null && (
            <p className="alert alert-error" data-testid="media-failure">
              {MEDIA_FAILURES[call.mediaFailure]}
            </p>
          )}
          <InstrumentPanel
            available={call.visit?.instruments}
            view={call.instrument}
            disabled={!call.patientPresent || call.ending}
            videoRef={instrumentVideo}
            onRequest={onRequestInstrument}
            onEnd={onEndInstrument}
            onTakeStill={onTakeStill}
          />
          <ChatPanel
            lines={call.chat}
            wanted={call.visit?.needs?.writtenConversation === true}
            disabled={!call.patientPresent || call.ending}
            onSend={onSendChat}
          />
        </div>

        <div className="call-panels">
          <BillingPanel billing={call.billing} />
          <VisitPanel call={call} />

          <section className="panel" data-testid="consent-info" aria-labelledby="consent-title">
            <h3 id="consent-title">Consentement</h3>
            {call.consent === null ? (
              <p className="muted">Consentement non transmis par la cabine.</p>
            ) : (
              <ul className="plain">
                {consentLines(call.consent).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            {call.dmpOpposed !== null && (
              <p className="muted">
                {call.dmpOpposed
                  ? 'DMP : le patient s’oppose à l’ajout de documents.'
                  : 'DMP : le patient ne s’oppose pas à l’ajout de documents.'}
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby="measurements-title">
            <h3 id="measurements-title">Mesures</h3>
            <table className="measurements">
              <thead>
                <tr>
                  <th scope="col">Mesure</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">Heure</th>
                </tr>
              </thead>
              <tbody>
                {MEASUREMENT_KINDS.map((kind) => {
                  const measurement = call.measurements[kind];
                  return (
                    <tr key={kind} data-testid={`measurement-${kind}`}>
                      <th scope="row">{MEASUREMENT_LABELS[kind]}</th>
                      <td>
                        {measurement === undefined
                          ? 'Non mesurée'
                          : measurementValue(kind, measurement.quantities)}
                      </td>
                      <td>{measurement === undefined ? '' : formatTime(measurement.takenAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <h4>Demander une mesure</h4>
            <div className="request-buttons">
              {MEASUREMENT_KINDS.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  data-testid={`request-${kind}`}
                  disabled={!call.patientPresent}
                  onClick={() => onRequestMeasurement(kind)}
                >
                  {REQUEST_LABELS[kind]}
                </button>
              ))}
            </div>
            {call.requested !== null && (
              <p className="note" role="status" data-testid="request-sent">
                Demande envoyée à {formatTime(call.requested.at)} : {MEASUREMENT_LABELS[call.requested.kind]}.
                La cabine guide le patient.
              </p>
            )}
          </section>

          <DocumentComposer
            professional={professional}
            patient={call.patient}
            clock={clock}
            onCompose={onComposeDocument}
            onProblem={onProblem}
          />
          <DocumentPanel documents={call.documents} onSend={onSendDocument} onProblem={onProblem} />
        </div>
      </div>
    </section>
  );
}
