// @vitest-environment jsdom
// The written conversation as the patient sees it in the call: opened by itself when they asked for it
// at the start or when the professional writes, the messages large and as plain text, ready-made answers
// of one touch, a message typed on the cabin's keyboard with its accents; and the welcome screen's
// "deaf or hard of hearing" choice that asks for it.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ConsultationScreen } from '../../contract/cabin-view';
import { SAMPLE_SCREENS, sampleSessionView, sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';

stubMediaPlayback();
const { open, push } = openViews();

const inCall = (changes: Partial<ConsultationScreen> = {}): ConsultationScreen => ({
  ...SAMPLE_SCREENS.consultation.inCall,
  ...changes,
});

const messagesOf = (app: MountedApp): string[] =>
  app.all('conversation-message').map((message) => `${message.dataset.from}: ${message.textContent}`);

async function openCall(changes: Partial<ConsultationScreen> = {}) {
  return open(sampleSessionView(inCall(changes)), new FakeMediaEnvironment());
}

describe('the written conversation in the call', () => {
  it('is open from the start for a patient who asked for it, and says the professional can write there', async () => {
    const { app } = await openCall({ conversation: [], conversationWanted: true });
    expect(app.get('conversation').dataset.open).toBe('true');
    expect(app.get('conversation').textContent).toContain('Le professionnel peut vous écrire ici.');
    expect(app.query('quick-answer-yes')).not.toBeNull();
  });

  it('stays a single button for the others, and opens when the professional writes', async () => {
    const { app, transport } = await openCall({ conversation: [] });
    expect(app.get('conversation').dataset.open).toBe('false');
    expect(app.get('conversation-open').textContent).toBe('Écrire au professionnel');
    await push(
      transport,
      sampleSessionView(inCall({ conversation: [{ from: 'professional', text: 'Bonjour !' }] })),
    );
    expect(app.get('conversation').dataset.open).toBe('true');
    expect(messagesOf(app)).toEqual(['professional: Le professionnel\u00a0: Bonjour !']);
  });

  it('shows the professional’s messages large, as plain text, line breaks kept', async () => {
    const { app } = await openCall({
      conversation: [
        { from: 'professional', text: '<b>Prenez</b> votre tension.\nPuis attendez.' },
        { from: 'patient', text: 'Oui' },
      ],
    });
    const [professional, patient] = app.all('conversation-message');
    expect(professional?.classList.contains('conversation-professional')).toBe(true);
    expect(professional?.querySelector('b')).toBeNull();
    expect(professional?.querySelector('.conversation-text')?.textContent).toBe(
      '<b>Prenez</b> votre tension.\nPuis attendez.',
    );
    expect(patient?.textContent).toBe('Vous\u00a0: Oui');
  });

  it('sends a ready-made answer with one touch', async () => {
    const { app, transport } = await openCall({ conversationWanted: true });
    await app.click('quick-answer-notUnderstood');
    await app.click('quick-answer-repeat');
    expect(transport.actions().filter((action) => action.type === 'patient.sendMessage')).toEqual([
      { type: 'patient.sendMessage', text: "Je n'ai pas compris" },
      { type: 'patient.sendMessage', text: 'Pouvez-vous répéter\u00a0?' },
    ]);
  });

  it('types a message with accents on the cabin’s keyboard and sends it', async () => {
    const { app, transport } = await openCall({ conversationWanted: true });
    act(() => app.get('conversation-field').focus());
    await app.settle();
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('text');
    for (const key of ['capitals', 'j', 'apostrophe', 'a', 'i', 'space', 'm', 'a', 'l', 'space']) {
      await app.click(`key-${key}`);
    }
    for (const key of ['accents', 'à', 'letters', 'space', 'l', 'a', 'space', 't', 'accents', 'ê']) {
      await app.click(`key-${key}`);
    }
    for (const key of ['letters', 't', 'e']) {
      await app.click(`key-${key}`);
    }
    expect((app.get('conversation-field') as HTMLInputElement).value).toBe("J'ai mal à la tête");
    await app.click('conversation-send');
    expect(transport.actions().filter((action) => action.type === 'patient.sendMessage')).toEqual([
      { type: 'patient.sendMessage', text: "J'ai mal à la tête" },
    ]);
    expect((app.get('conversation-field') as HTMLInputElement).value).toBe('');
  });

  it('speaks English when the patient chose English', async () => {
    const { app } = await open(
      sampleSessionView(inCall({ conversationWanted: true }), { locale: 'en' }),
      new FakeMediaEnvironment(),
    );
    expect(app.get('quick-answer-pain').textContent).toBe('I am in pain');
    expect(app.get('conversation-send').textContent).toBe('Send');
  });
});

describe('asking for the written conversation at the start', () => {
  it('is a plain choice of the welcome screen, carried with the session’s start', async () => {
    const { app, transport } = await open(sampleView());
    expect(app.get('written-conversation').textContent).toContain('Je suis sourd ou malentendant');
    await app.click('written-conversation');
    expect(app.get('written-conversation').getAttribute('aria-checked')).toBe('true');
    expect(app.get('written-conversation-note').textContent).toBe(
      'Le professionnel vous écrira pendant la consultation.',
    );
    await app.click('start');
    const started = transport.calls.findLast((call) => call.method === 'startSession');
    expect(started?.params).toMatchObject({ accessibility: { writtenConversation: true } });
  });
});
