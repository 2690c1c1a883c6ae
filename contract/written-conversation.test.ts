import { describe, expect, it } from 'vitest';
import { MAX_CHAT_TEXT_LENGTH } from './platform-protocol';
import { parsePatientAction } from './validate';
import {
  parseCabinMessage,
  parsePlatformToCabin,
  parsePlatformToPractitioner,
  parsePractitionerMessage,
} from './validate-platform';

const SEND = { type: 'chat.send', requestId: 7, sessionId: 'session-1', text: 'Avez-vous mal ?' };
const NEEDS = { writtenConversation: true, subtitles: false, largeText: true };

describe('the written conversation and the patient needs in the platform protocol', () => {
  it('either party may send a message of 1 to 500 characters; anything else is refused by field', () => {
    expect(parseCabinMessage(SEND).ok).toBe(true);
    expect(parsePractitionerMessage(SEND).ok).toBe(true);
    const long = { ...SEND, text: 'a'.repeat(MAX_CHAT_TEXT_LENGTH + 1) };
    expect(parseCabinMessage(long)).toMatchObject({ ok: false, error: { detail: 'chat.send.text' } });
    expect(parsePractitionerMessage({ ...SEND, text: '' }).ok).toBe(false);
    expect(parseCabinMessage({ ...SEND, text: 42 }).ok).toBe(false);
    expect(parseCabinMessage({ ...SEND, author: 'professional' }).ok).toBe(false);
    expect(parseCabinMessage({ ...SEND, sessionId: '../x' }).ok).toBe(false);
    expect(parseCabinMessage({ type: 'chat.send', sessionId: 'session-1', text: 'x' }).ok).toBe(false);
  });

  it('strips control and bidi characters; a message of nothing else is empty and refused', () => {
    const spoofed = parsePractitionerMessage({ ...SEND, text: 'Pre\u202Enez\u0007 ceci\nà midi' });
    expect(spoofed).toMatchObject({ ok: true, value: { text: 'Prenez ceci\nà midi' } });
    expect(parseCabinMessage({ ...SEND, text: '\u202E\u2066\u0000' }).ok).toBe(false);
    const pushed = parsePlatformToCabin({
      type: 'call.chat',
      sessionId: 'session-1',
      from: 'professional',
      text: '\u2067Bonjour',
    });
    expect(pushed).toMatchObject({ ok: true, value: { text: 'Bonjour' } });
  });

  it('a pushed message says who wrote it, the patient or the professional only', () => {
    const push = { type: 'call.chat', sessionId: 'session-1', from: 'patient', text: 'Oui' };
    expect(parsePlatformToPractitioner(push).ok).toBe(true);
    expect(parsePlatformToPractitioner({ ...push, from: 'platform' }).ok).toBe(false);
    expect(parsePlatformToCabin({ ...push, text: 'x'.repeat(501) }).ok).toBe(false);
  });

  it('the waiting room entry may carry the needs, three booleans and nothing that names the patient', () => {
    const entry = { sessionId: 's-1', profession: 'doctor', appointmentCode: null, since: 1, locale: 'en' };
    const snapshot = (needs: unknown) => ({ type: 'queue.snapshot', entries: [{ ...entry, needs }] });
    expect(parsePlatformToPractitioner({ type: 'queue.snapshot', entries: [entry] }).ok).toBe(true);
    expect(parsePlatformToPractitioner(snapshot(NEEDS)).ok).toBe(true);
    expect(parsePlatformToPractitioner(snapshot({ ...NEEDS, surname: 'Martin' })).ok).toBe(false);
    expect(parsePlatformToPractitioner(snapshot({ ...NEEDS, largeText: 'yes' })).ok).toBe(false);
    expect(parsePlatformToPractitioner(snapshot({ writtenConversation: true })).ok).toBe(false);
  });

  const parseAccessibilityForTest = (accessibility: unknown): boolean =>
    parsePatientAction({ type: 'patient.setAccessibility', accessibility }).ok;

  it('the patient accessibility may say "written conversation wanted", a boolean, and old choices still pass', () => {
    expect(parseAccessibilityForTest({ largeText: false, readAloud: false })).toBe(true);
    expect(parseAccessibilityForTest({ largeText: false, readAloud: false, writtenConversation: true })).toBe(
      true,
    );
    expect(
      parseAccessibilityForTest({ largeText: false, readAloud: false, writtenConversation: 'oui' }),
    ).toBe(false);
  });
});
