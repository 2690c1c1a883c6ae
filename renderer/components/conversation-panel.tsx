// The written conversation of the call, for a deaf or hard-of-hearing patient (or anyone who prefers to
// read): the professional's messages in large type, the latest one first to catch the eye, ready-made
// answers of one touch, and a field typed on the cabin's own keyboard (accents included). Opened by
// itself when the patient asked for it at the start, or when the professional writes; the messages live
// in the view only, for the call (the controller drops them at its end).
import { useEffect, useRef, useState } from 'react';
import type { ConversationMessage } from '../../contract/cabin-view';
import { MAX_CHAT_TEXT_LENGTH } from '../../contract/platform-protocol';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { useKeyboardField } from './keyboard-field';

/** The ready-made answers, in the order they are offered (`quick-answer-<key>`). */
export const QUICK_ANSWERS = ['yes', 'no', 'notUnderstood', 'repeat', 'pain', 'moment'] as const;

/** Props of ConversationPanel. */
export interface ConversationPanelProps {
  readonly messages: readonly ConversationMessage[];
  /** The patient asked for the written conversation at the start: the panel is open from the first. */
  readonly wanted: boolean;
  /** Sends one message to the professional (`patient.sendMessage`). */
  readonly onSend: (text: string) => void;
}

/**
 * The conversation panel (`conversation`, `data-open`): closed, one button opens it
 * (`conversation-open`); open, the messages (`conversation-message`, `data-from`), the ready-made answers
 * (`quick-answer-<key>`), the field (`conversation-field`) and "send" (`conversation-send`), and
 * "close" (`conversation-close`).
 */
export function ConversationPanel({ messages, wanted, onSend }: ConversationPanelProps) {
  const { strings } = useUi();
  const s = strings.conversation;
  const [open, setOpen] = useState(wanted || messages.length > 0);
  const [draft, setDraft] = useState('');
  const field = useKeyboardField({
    value: draft,
    onChange: setDraft,
    maxLength: MAX_CHAT_TEXT_LENGTH,
    layout: 'text',
  });
  // A new message of the professional opens the panel, whatever the patient chose.
  const fromProfessional = messages.filter((message) => message.from === 'professional').length;
  const seen = useRef(fromProfessional);
  useEffect(() => {
    if (fromProfessional > seen.current) setOpen(true);
    seen.current = fromProfessional;
  }, [fromProfessional]);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, [messages.length, open]);

  if (!open) {
    return (
      <div className="conversation conversation-closed" data-testid="conversation" data-open="false">
        <ActionButton testId="conversation-open" kind="secondary" onPress={() => setOpen(true)}>
          {s.open}
        </ActionButton>
      </div>
    );
  }
  const send = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    onSend(trimmed);
  };
  return (
    <section className="conversation" data-testid="conversation" data-open="true" aria-label={s.title}>
      <div className="conversation-head">
        <h2 className="conversation-title">{s.title}</h2>
        <ActionButton testId="conversation-close" kind="quiet" small onPress={() => setOpen(false)}>
          {s.close}
        </ActionButton>
      </div>
      {messages.length === 0 ? (
        <p className="conversation-empty">{s.empty}</p>
      ) : (
        <ol className="conversation-messages" ref={list} aria-live="polite">
          {messages.map((message, index) => (
            <li
              key={index}
              className={`conversation-message conversation-${message.from}`}
              data-testid="conversation-message"
              data-from={message.from}
            >
              <span className="conversation-author">
                {message.from === 'professional' ? s.fromProfessional : s.fromPatient}
              </span>{' '}
              <span className="conversation-text">{message.text}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="conversation-quick" role="group" aria-label={s.quickAnswersLabel}>
        {QUICK_ANSWERS.map((key) => (
          <ActionButton
            key={key}
            testId={`quick-answer-${key}`}
            kind="secondary"
            small
            onPress={() => send(s.quickAnswers[key])}
          >
            {s.quickAnswers[key]}
          </ActionButton>
        ))}
      </div>
      <div className="conversation-write">
        <label className="field">
          <span className="field-label">{s.fieldLabel}</span>
          <input
            className="input"
            data-testid="conversation-field"
            autoComplete="off"
            ref={field.inputRef}
            {...field.inputProps}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          {field.limitMessage !== null && (
            <span className="field-error" role="alert">
              {field.limitMessage}
            </span>
          )}
        </label>
        <ActionButton
          testId="conversation-send"
          disabled={draft.trim() === ''}
          onPress={() => {
            send(draft);
            setDraft('');
          }}
        >
          {s.send}
        </ActionButton>
      </div>
      {field.keyboard}
    </section>
  );
}
