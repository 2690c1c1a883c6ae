// The written conversation of the call: what the professional and the patient wrote, in order, and a
// field to write to the patient (who reads it large on the cabin's screen). Kept in memory for the call
// only; the console shows the patient's text as plain text, already cleaned by the protocol's validation.
import { useState, type FormEvent } from 'react';
import { MAX_CHAT_TEXT_LENGTH } from '../../contract/platform-protocol';
import type { ChatLine } from './desk-view';

/** Props of the conversation panel. */
export interface ChatPanelProps {
  readonly lines: readonly ChatLine[];
  /** Whether the patient asked for the written conversation at the start. */
  readonly wanted: boolean;
  readonly disabled: boolean;
  /** Sends one message; answers true once the platform took it. */
  readonly onSend: (text: string) => Promise<boolean>;
}

/** The panel "Conversation écrite" of the call screen. */
export function ChatPanel({ lines, wanted, disabled, onSend }: ChatPanelProps) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '' || sending) return;
    setSending(true);
    void onSend(text).then((sent) => {
      setSending(false);
      if (sent) setDraft('');
    });
  };
  return (
    <section className="panel chat-panel" data-testid="chat-panel" aria-labelledby="chat-title">
      <h3 id="chat-title">Conversation écrite</h3>
      <p className="muted">
        {wanted
          ? 'Le patient a demandé la conversation écrite. Il lit vos messages en grand.'
          : 'Le patient lit vos messages en grand sur l’écran de la cabine.'}
      </p>
      <ol className="chat-lines" aria-live="polite">
        {lines.map((line, index) => (
          <li
            key={index}
            className={`chat-line chat-${line.from}`}
            data-testid="chat-message"
            data-from={line.from}
          >
            <span className="chat-author">{line.from === 'patient' ? 'Patient' : 'Vous'} : </span>
            <span className="chat-text">{line.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input">Message au patient</label>
        <textarea
          id="chat-input"
          data-testid="chat-input"
          rows={2}
          maxLength={MAX_CHAT_TEXT_LENGTH}
          value={draft}
          disabled={disabled}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) submit(event);
          }}
        />
        <button
          type="submit"
          className="primary"
          data-testid="chat-send"
          disabled={disabled || sending || draft.trim() === ''}
        >
          Envoyer
        </button>
      </form>
    </section>
  );
}
