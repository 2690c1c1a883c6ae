// The waiting room: the patients of the practitioner's profession waiting in cabins, longest first,
// each with a button to take the call. No name and no birth date: the platform sends them only to the
// professional who takes the patient (the cabin promises the patient that only they see them).
import { useEffect, useState } from 'react';
import type { QueueEntryView } from '../../contract/platform-protocol';
import { LOCALE_LABELS, waitingText } from './french-format';
import { PatientNeedsList } from './patient-needs';
import { every, type Clock } from '../../contract/clock';

/** How often the waiting times are recomputed. */
const WAITING_REFRESH_MS = 15_000;

/** Props of the waiting room. */
export interface WaitingRoomProps {
  readonly queue: readonly QueueEntryView[];
  /** The session whose acceptance is in progress (every button waits meanwhile). */
  readonly accepting: string | null;
  readonly online: boolean;
  readonly clock: Clock;
  readonly onAccept: (sessionId: string) => void;
}

/** The list of waiting patients. */
export function WaitingRoom({ queue, accepting, online, clock, onAccept }: WaitingRoomProps) {
  const [time, setTime] = useState(() => clock.now());
  useEffect(() => every(clock, WAITING_REFRESH_MS, () => setTime(clock.now())), [clock]);
  // A new snapshot redraws with the current time, not the last tick's.
  useEffect(() => setTime(clock.now()), [queue, clock]);

  return (
    <section className="waiting-room" aria-labelledby="waiting-title">
      <h2 id="waiting-title">
        Salle d’attente <span className="count">{queue.length}</span>
      </h2>
      {queue.length === 0 ? (
        <p className="empty" data-testid="queue-empty">
          Aucun patient en attente pour le moment.
        </p>
      ) : (
        <ul className="queue">
          {queue.map((entry) => (
            <li
              key={entry.sessionId}
              className="queue-entry"
              data-testid="queue-entry"
              data-session-id={entry.sessionId}
            >
              <div className="queue-patient">
                <strong className="queue-name">Patient en cabine</strong>
                <span data-testid="queue-language">Langue : {LOCALE_LABELS[entry.locale]}</span>
                <PatientNeedsList locale={entry.locale} needs={entry.needs} testId="queue-needs" />
              </div>
              <div className="queue-details">
                <span className={entry.appointmentCode === null ? 'tag' : 'tag tag-appointment'}>
                  {entry.appointmentCode === null
                    ? 'Sans rendez-vous'
                    : `Rendez-vous ${entry.appointmentCode}`}
                </span>
                <span className="waiting-time">{waitingText(entry.since, time)}</span>
              </div>
              <button
                type="button"
                className="primary"
                data-testid={`accept-${entry.sessionId}`}
                disabled={accepting !== null || !online}
                onClick={() => onAccept(entry.sessionId)}
              >
                {accepting === entry.sessionId ? 'Prise en charge…' : 'Prendre en charge'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {queue.length > 0 && (
        <p className="muted">
          Le nom et la date de naissance du patient s’affichent quand vous le prenez en charge.
        </p>
      )}
    </section>
  );
}
