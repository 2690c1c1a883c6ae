// The written conversation in the call, as the patient sees it: the professional's messages and their
// own answers in order on the consultation screen, their answers sent to the professional, the whole
// conversation gone once the call ended; and the "deaf or hard of hearing" choice of the welcome screen
// carried to the waiting room's entry and to the call's screen.
import { describe, expect, it } from 'vitest';
import { reachCall, reachWaitingRoom, startSession } from '../test-support';

describe('the written conversation in the call', () => {
  it('shows the professional’s messages and the patient’s answers in order, and sends the answers', () => {
    const session = startSession();
    reachCall(session);
    expect(session.view().screen).toMatchObject({ conversation: [], conversationWanted: false });
    session.call.write('Bonjour, où avez-vous mal ?');
    session.send({ type: 'patient.sendMessage', text: ' J’ai mal au ventre ' });
    expect(session.view().screen).toMatchObject({
      step: 'consultation',
      conversation: [
        { from: 'professional', text: 'Bonjour, où avez-vous mal ?' },
        { from: 'patient', text: 'J’ai mal au ventre' },
      ],
    });
    expect(session.recorded.messages).toEqual([{ sessionId: 'session-test-1', text: 'J’ai mal au ventre' }]);
  });

  it('keeps the conversation during a measurement and a reconnection, and forgets it when the call ends', () => {
    const session = startSession();
    reachCall(session);
    session.call.write('Prenez votre température.');
    session.call.requestMeasurement('temperature');
    session.send({ type: 'patient.sendMessage', text: 'Oui' });
    session.call.dropAndReconnect();
    session.call.connect();
    expect(session.view().screen).toMatchObject({ conversation: [{}, { text: 'Oui' }] });
    session.call.end();
    expect(session.view().screen.step).not.toBe('consultation');
    expect(session.snapshot().context.conversation).toEqual([]);
  });

  it('a message outside the call is not the session’s business', () => {
    const session = startSession();
    reachWaitingRoom(session);
    session.send({ type: 'patient.sendMessage', text: 'Allô ?' });
    expect(session.recorded.messages).toEqual([]);
    expect(session.snapshot().context.conversation).toEqual([]);
  });

  it('the patient who asked for it at the start: the waiting room entry and the call screen say so', () => {
    const session = startSession({
      accessibility: { largeText: true, readAloud: false, writtenConversation: true },
    });
    reachCall(session);
    expect(session.waitingRoom.starts[0]?.accessibility).toMatchObject({ writtenConversation: true });
    expect(session.view().screen).toMatchObject({ step: 'consultation', conversationWanted: true });
  });
});
