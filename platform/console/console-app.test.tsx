// @vitest-environment jsdom
// What a practitioner notices on the console, with the platform played through a fake WebSocket: the
// login, the waiting room, taking a call, live measurements, requests, documents, the end of the call,
// an expired session, a dropped connection and malformed messages.
import { afterEach, describe, expect, it } from 'vitest';
import { billingDetailsOf } from '../../contract/billing';
import type { Measurement } from '../../contract/domain';
import type { PatientSummary, QueueEntryView, VisitSummary } from '../../contract/platform-protocol';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import { base64ToBytes } from './document-encoding';
import {
  logIn,
  openConsole,
  TEST_LOGIN_REPLY,
  TEST_NOW,
  TEST_WELCOME,
  welcomeNewestSocket,
  type ConsolePage,
} from './test-support/console-harness';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';
import { ManualClock } from '../../test/support/manual-clock';
import { RECONNECT_DELAY_MS } from './practitioner-desk';
import { RECEPTION_SAMPLE_MS } from './reception-report';

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

async function open(): Promise<ConsolePage> {
  opened = await openConsole();
  return opened;
}

const JEANNE: QueueEntryView = {
  sessionId: 'session-jeanne',
  profession: 'doctor',
  appointmentCode: null,
  since: TEST_NOW - 12 * 60_000 - 5_000,
  locale: 'fr',
};
/** Who Jeanne is: only the professional who takes her call receives it. */
const JEANNE_PATIENT: PatientSummary = {
  surname: 'Martin',
  firstName: 'Jeanne',
  birthDate: '1950-03-02',
  nir: '250034958815709',
  source: 'card',
};
/** What the professional bills Jeanne with: she holds the card, so her NIR and no birth date. */
const JEANNE_BILLING = billingDetailsOf({ ...JEANNE_PATIENT, holder: true }, null, false);
/** Jeanne's visit: French screens, referred by her regular doctor, 25 € paid in the cabin. */
const JEANNE_VISIT: VisitSummary = {
  locale: 'fr',
  cover: {
    answers: [
      {
        question: 'referredByRegularDoctor',
        label: 'Venez-vous sur le conseil de votre médecin traitant\u00a0?',
        answer: 'yes',
      },
      { question: 'hasRegularDoctor', label: 'Avez-vous un médecin traitant\u00a0?', answer: 'unknown' },
    ],
    feeCents: 2500,
    reimbursedPercent: 70,
    amountDueCents: 2500,
    thirdPartyPayment: false,
  },
};
const PAUL: QueueEntryView = {
  sessionId: 'session-paul',
  profession: 'doctor',
  appointmentCode: 'K7P2Q',
  since: TEST_NOW - 3 * 60_000,
  locale: 'en',
};
/** Who Paul is: he typed his identity, without a NIR. */
const PAUL_PATIENT: PatientSummary = {
  surname: 'Durand',
  firstName: 'Paul',
  birthDate: '1988-11-30',
  nir: null,
  source: 'manual',
};
const NURSE_PATIENT: QueueEntryView = {
  sessionId: 'session-nurse',
  profession: 'nurse',
  appointmentCode: null,
  since: TEST_NOW - 60 * 60_000,
  locale: 'fr',
};

const TEMPERATURE: Measurement = {
  kind: 'temperature',
  quantities: [{ name: 'temperature', value: 37.24, unit: '°C' }],
  takenAt: TEST_NOW - 5 * 60_000,
};
const BLOOD_PRESSURE: Measurement = {
  kind: 'bloodPressure',
  quantities: [
    { name: 'systolic', value: 128, unit: 'mmHg' },
    { name: 'diastolic', value: 82, unit: 'mmHg' },
    { name: 'pulse', value: 72, unit: 'bpm' },
  ],
  takenAt: TEST_NOW,
};
const CONSENT = {
  presence: 'relative',
  attendantStays: false,
  textVersion: 'v2',
  at: TEST_NOW - 20 * 60_000,
};

/** The platform's push that Jeanne's call ended, for `reason`. */
function callEnded(reason: string): Record<string, unknown> {
  return { type: 'call.ended', sessionId: JEANNE.sessionId, reason };
}

/** The platform's push of one item of a call: Jeanne's unless another session is named. */
function callItem(item: unknown, sessionId = JEANNE.sessionId): Record<string, unknown> {
  return { type: 'call.item', sessionId, item };
}

/** Logs in and shows the waiting room with Jeanne, Paul, and a patient for nurses. */
async function inWaitingRoom(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const page = await open();
  const socket = await logIn(page);
  await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [PAUL, NURSE_PATIENT, JEANNE] }));
  return { page, socket };
}

/** Takes Jeanne's call in direct mode and lets the platform send what it knows of her. */
async function inCall(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const { page, socket } = await inWaitingRoom();
  await page.click(`accept-${JEANNE.sessionId}`);
  await page.platform(() => {
    socket.replyTo('call.accept', { mode: 'direct', iceServers: [{ urls: ['stun:stun.test:3478'] }] });
    socket.push({
      type: 'call.started',
      sessionId: JEANNE.sessionId,
      patient: JEANNE_PATIENT,
      visit: JEANNE_VISIT,
      billing: JEANNE_BILLING,
      consent: CONSENT,
      measurements: [TEMPERATURE],
    });
  });
  return { page, socket };
}

describe('logging in', () => {
  it('says clearly when the login or password is wrong, and lets the practitioner try again', async () => {
    const page = await open();
    page.loginOutcome = { ok: false, problem: 'refused' };
    await page.type('login-id', 'c.fontaine');
    await page.type('login-password', 'wrong');
    await page.click('login-submit');
    expect(page.logins).toEqual([{ login: 'c.fontaine', password: 'wrong' }]);
    expect(page.get('login-error').textContent).toBe('Identifiant ou mot de passe incorrect.');
    expect(page.sockets.sockets).toHaveLength(0);

    page.loginOutcome = { ok: false, problem: 'unreachable' };
    await page.click('login-submit');
    expect(page.get('login-error').textContent).toContain('Le serveur ne répond pas');
  });

  it('opens the platform socket with the token of the login, and says hello as a practitioner', async () => {
    const page = await open();
    const socket = await logIn(page);
    expect(socket.url).toBe('ws://platform.test/ws');
    expect(socket.sent()[0]).toEqual({ type: 'hello', role: 'practitioner', token: 'token-abc' });
    expect(page.query('login-form')).toBeNull();
    expect(page.text()).toContain('Dr Claire Fontaine');
    expect(page.get('link-state').textContent).toBe('Connecté');
  });

  it('goes back to the login form when the platform says the token expired', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.drop(4401));
    expect(page.query('call-view')).toBeNull();
    expect(page.get('login-form')).not.toBeNull();
    expect(page.get('login-error').textContent).toBe('Votre session a expiré, reconnectez-vous.');
    expect(page.media.latest.closed).toBe(true);
  });
});

describe('a reload of the page', () => {
  /** Reloads the console in the same tab: the page goes, a new one opens on the same storage and clock. */
  async function reload(page: ConsolePage): Promise<ConsolePage> {
    page.unmount();
    opened = await openConsole({ storage: page.storage, clock: page.clock });
    return opened;
  }

  it('keeps the practitioner logged in and takes back the call the page was in', async () => {
    const { page } = await inCall();
    const reloaded = await reload(page);
    expect(reloaded.query('login-form')).toBeNull();
    expect(reloaded.logins).toEqual([]);
    const socket = await welcomeNewestSocket(reloaded);
    expect(socket.sent()[0]).toEqual({ type: 'hello', role: 'practitioner', token: 'token-abc' });
    // The platform kept the practitioner's seat in the call and gives it back.
    await reloaded.platform(() => {
      socket.push({ type: 'queue.snapshot', entries: [PAUL] });
      socket.push({
        type: 'call.started',
        sessionId: JEANNE.sessionId,
        patient: JEANNE_PATIENT,
        visit: JEANNE_VISIT,
        billing: JEANNE_BILLING,
        consent: CONSENT,
        measurements: [TEMPERATURE],
      });
      socket.push(callItem({ kind: 'mediaCheck', result: 'passed' }));
      socket.push({ type: 'call.patientJoined', sessionId: JEANNE.sessionId });
    });
    expect(socket.lastSent('call.accept')).toMatchObject({ sessionId: JEANNE.sessionId });
    await reloaded.platform(() => socket.replyTo('call.accept', { mode: 'direct', iceServers: [] }));
    expect(reloaded.get('patient-name').textContent).toBe('Jeanne Martin');
    expect(reloaded.get('identity-source').textContent).toBe('Identité lue sur la carte Vitale');
    expect(reloaded.get('media-check-result').textContent).toContain('se voit et s’entend');
    expect(reloaded.get('cover-answers').textContent).toContain('Ne sait pas');
    expect(reloaded.get('measurement-temperature').textContent).toContain('37,2');
    expect(reloaded.query('patient-waiting')).toBeNull();
    expect(reloaded.media.openCount).toBe(1);
  });

  it('asks to log in again once the kept token has expired', async () => {
    const page = await open();
    await logIn(page);
    expect(page.storage.length).toBe(1);
    page.unmount();
    // The tab is reloaded the day the token expires.
    opened = await openConsole({ storage: page.storage, clock: new ManualClock(TEST_LOGIN_REPLY.expiresAt) });
    expect(opened.get('login-form')).not.toBeNull();
    expect(opened.sockets.sockets).toHaveLength(0);
    expect(opened.storage.length).toBe(0);
  });

  it('asks to log in again after a logout', async () => {
    const page = await open();
    await logIn(page);
    await page.click('logout');
    expect(page.get('login-form')).not.toBeNull();
    expect(page.storage.length).toBe(0);
    // The platform is told, so that the token ends there too.
    expect(page.logouts).toEqual(['token-abc']);
    const reloaded = await reload(page);
    expect(reloaded.get('login-form')).not.toBeNull();
  });

  it('forgets the kept login when the platform refuses the token', async () => {
    const page = await open();
    await logIn(page);
    const reloaded = await reload(page);
    await reloaded.platform(() => reloaded.sockets.latest.drop(4401));
    expect(reloaded.get('login-error').textContent).toBe('Votre session a expiré, reconnectez-vous.');
    expect(reloaded.storage.length).toBe(0);
  });
});

describe('the waiting room', () => {
  it('lists the patients of the practitioner’s profession, longest waiting first, without their names', async () => {
    const { page } = await inWaitingRoom();
    const entries = page.all('queue-entry');
    expect(entries.map((entry) => entry.dataset.sessionId)).toEqual([JEANNE.sessionId, PAUL.sessionId]);
    const [jeanne, paul] = entries.map((entry) => entry.textContent ?? '');
    expect(jeanne).toContain('Patient en cabine');
    expect(jeanne).toContain('Langue : Français');
    expect(jeanne).toContain('Sans rendez-vous');
    expect(jeanne).toContain('Attend depuis 12\u00a0min');
    expect(paul).toContain('Rendez-vous K7P2Q');
    expect(paul).toContain('Langue : Anglais');
    expect(page.text()).toContain('s’affichent quand vous le prenez en charge');
    expect(page.all('queue-language')).toHaveLength(2);
  });

  it('updates the waiting times as time passes', async () => {
    const { page } = await inWaitingRoom();
    await page.advance(5 * 60_000);
    expect(page.all('queue-entry')[0]?.textContent).toContain('Attend depuis 17\u00a0min');
  });

  it('says so when another professional took the patient first', async () => {
    const { page, socket } = await inWaitingRoom();
    await page.click(`accept-${JEANNE.sessionId}`);
    expect(socket.lastSent('call.accept')).toMatchObject({
      type: 'call.accept',
      sessionId: JEANNE.sessionId,
    });
    await page.platform(() => socket.failTo('call.accept', 'call.alreadyTaken'));
    expect(page.get('console-error').textContent).toBe(
      'Ce patient est déjà pris en charge par un autre professionnel.',
    );
    expect(page.query('call-view')).toBeNull();
    expect((page.get(`accept-${PAUL.sessionId}`) as HTMLButtonElement).disabled).toBe(false);
    expect(page.media.openCount).toBe(0);
  });

  it('ignores malformed messages and goes on with the next valid ones', async () => {
    const { page, socket } = await inWaitingRoom();
    await page.platform(() => {
      socket.pushRaw('not json at all');
      socket.push({ type: 'queue.snapshot', entries: [{ sessionId: 'x' }] });
      socket.push({ type: 'queue.snapshot' });
      socket.push(callEnded('boredom'));
      socket.push(['queue.snapshot']);
    });
    expect(page.all('queue-entry')).toHaveLength(2);
    await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [PAUL] }));
    expect(page.all('queue-entry').map((entry) => entry.dataset.sessionId)).toEqual([PAUL.sessionId]);
  });

  it('reconnects with the same token after the connection drops', async () => {
    const { page, socket } = await inWaitingRoom();
    await page.platform(() => socket.drop(1006));
    expect(page.get('link-state').textContent).toContain('Connexion au serveur perdue');
    expect((page.get(`accept-${JEANNE.sessionId}`) as HTMLButtonElement).disabled).toBe(true);
    await page.advance(RECONNECT_DELAY_MS);
    const again = page.sockets.latest;
    expect(again).not.toBe(socket);
    await page.platform(() => again.open());
    expect(again.sent()[0]).toEqual({ type: 'hello', role: 'practitioner', token: 'token-abc' });
    await page.platform(() => again.push(TEST_WELCOME));
    expect(page.get('link-state').textContent).toBe('Connecté');
  });
  it('takes back its call when the platform still holds it, after the page was reloaded', async () => {
    const page = await open();
    const socket = await logIn(page);
    await page.platform(() => {
      socket.push({ type: 'queue.snapshot', entries: [PAUL] });
      socket.push({
        type: 'call.started',
        sessionId: JEANNE.sessionId,
        patient: JEANNE_PATIENT,
        visit: JEANNE_VISIT,
        billing: JEANNE_BILLING,
        consent: null,
        measurements: [TEMPERATURE],
      });
      socket.push({ type: 'call.patientJoined', sessionId: JEANNE.sessionId });
    });
    expect(socket.lastSent('call.accept')).toMatchObject({ sessionId: JEANNE.sessionId });
    await page.platform(() => socket.replyTo('call.accept', { mode: 'direct', iceServers: [] }));
    expect(page.get('patient-name').textContent).toBe('Jeanne Martin');
    expect(page.get('measurement-temperature').textContent).toContain('37,2');
    expect(page.query('patient-waiting')).toBeNull();
  });
});

describe('a consultation', () => {
  it('shows the patient, the consent and the measurements taken before the call', async () => {
    const { page } = await inCall();
    expect(page.get('call-view')).not.toBeNull();
    expect(page.get('patient-name').textContent).toBe('Jeanne Martin');
    const consent = page.get('consent-info').textContent;
    expect(consent).toContain('accompagné d’un proche');
    expect(consent).toContain('ne reste pas');
    expect(consent).toContain('version v2');
    expect(page.get('measurement-temperature').textContent).toContain('37,2\u00a0°C');
    expect(page.get('measurement-bloodPressure').textContent).toContain('Non mesurée');
    expect(page.query('remote-video')).not.toBeNull();
    expect((page.get('local-video') as HTMLVideoElement).muted).toBe(true);
    expect(page.media.latest.options.callMedia).toEqual({
      mode: 'direct',
      iceServers: [{ urls: ['stun:stun.test:3478'] }],
    });
  });

  it('says where the identity comes from: read from the card, or typed and checked by no card', async () => {
    const { page } = await inCall();
    expect(page.get('identity-source').textContent).toBe('Identité lue sur la carte Vitale');
    // The professional bills with the NIR: it reaches the one who took the patient.
    expect(page.get('billing-nir').textContent).toBe('2 50 03 49 588 157 09');

    const typed = await open();
    const socket = await logIn(typed);
    await typed.platform(() => socket.push({ type: 'queue.snapshot', entries: [PAUL] }));
    // Nothing of Paul before he is taken: no name, no birth date.
    expect(typed.text()).not.toContain('Durand');
    await typed.click(`accept-${PAUL.sessionId}`);
    await typed.platform(() => {
      socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
      socket.push({
        type: 'call.started',
        sessionId: PAUL.sessionId,
        patient: PAUL_PATIENT,
        visit: { locale: 'en', cover: null },
        billing: billingDetailsOf(PAUL_PATIENT, null, false),
        consent: null,
        measurements: [],
      });
    });
    expect(typed.get('patient-name').textContent).toBe('Paul Durand');
    expect(typed.get('identity-source').textContent).toBe(
      'Identité saisie, non vérifiée par une carte Vitale',
    );
    expect(typed.get('billing-nir-missing').textContent).toBe(
      'Non saisi par le patient : facturez en SESAM sans Vitale.',
    );
    expect(typed.get('patient-language').textContent).toContain('Anglais');
    expect(typed.get('cover-none').textContent).toBe('La cabine n’a transmis ni réponses ni coût.');
  });

  it('shows the patient’s language, the camera check and the cover answers with the cost they accepted', async () => {
    const { page, socket } = await inCall();
    expect(page.get('patient-language').textContent).toBe('Langue des écrans du patient : Français');
    expect(page.get('media-check-result').textContent).toBe(
      'Test caméra et micro de la cabine : pas encore fait',
    );
    const answers = [...page.get('cover-answers').querySelectorAll('.cover-answer')].map(
      (row) => row.textContent,
    );
    expect(answers).toEqual([
      'Venez-vous sur le conseil de votre médecin traitant\u00a0?Oui',
      'Avez-vous un médecin traitant\u00a0?Ne sait pas',
    ]);
    const cost = page.get('cover-cost').textContent;
    expect(cost).toContain('Prix de la consultation : 25,00\u00a0€');
    expect(cost).toContain('Remboursée à 70\u00a0% par l’Assurance Maladie');
    expect(cost).toContain('Sans tiers payant : 25,00\u00a0€ payés dans la cabine');

    await page.platform(() => socket.push(callItem({ kind: 'mediaCheck', result: 'problem' })));
    expect(page.get('media-check-result').textContent).toBe(
      'Test caméra et micro de la cabine : le patient a signalé un problème',
    );
    await page.platform(() => socket.push(callItem({ kind: 'mediaCheck', result: 'passed' })));
    expect(page.get('media-check-result').textContent).toContain('le patient se voit et s’entend');
  });

  it('shows a measurement the moment the cabin sends it', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.push(callItem({ kind: 'measurement', measurement: BLOOD_PRESSURE })));
    expect(page.get('measurement-bloodPressure').textContent).toContain(
      '128/82\u00a0mmHg · pouls 72\u00a0bpm',
    );
  });

  it('asks the cabin for a measurement and notes that the request left', async () => {
    const { page, socket } = await inCall();
    await page.click('request-bloodPressure');
    expect(socket.lastSent('call.requestMeasurement')).toMatchObject({
      type: 'call.requestMeasurement',
      sessionId: JEANNE.sessionId,
      kind: 'bloodPressure',
    });
    expect(page.query('request-sent')).toBeNull();
    await page.platform(() => socket.replyTo('call.requestMeasurement', null));
    expect(page.get('request-sent').textContent).toContain('Tension artérielle');
    // The value arrives: the note gives way to the value.
    await page.platform(() => socket.push(callItem({ kind: 'measurement', measurement: BLOOD_PRESSURE })));
    expect(page.query('request-sent')).toBeNull();
    expect(page.get('measurement-bloodPressure').textContent).toContain('128/82');
  });

  it('sends a written document as UTF-8 text and lists it once the platform has it', async () => {
    const { page, socket } = await inCall();
    const text = 'Arrêt de travail de 3 jours.\nRepos à domicile, sorties autorisées.';
    await page.choose('document-kind', 'sickLeave');
    await page.type('document-title', 'Arrêt de travail');
    await page.type('document-text', text);
    await page.click('document-send');
    const sent = socket.lastSent('document.push');
    expect(sent).toMatchObject({
      type: 'document.push',
      sessionId: JEANNE.sessionId,
      kind: 'sickLeave',
      title: 'Arrêt de travail',
      contentType: 'text/plain',
    });
    expect(new TextDecoder().decode(base64ToBytes(String(sent?.base64)))).toBe(text);
    await page.platform(() =>
      socket.replyTo('document.push', {
        document: { id: 'doc-1', kind: 'sickLeave', title: 'Arrêt de travail', pages: 1 },
      }),
    );
    expect(page.get('documents-sent').textContent).toBe('Arrêt de travail — Arrêt de travail (1 page)');
    expect((page.get('document-text') as HTMLTextAreaElement).value).toBe('');
  });

  it('refuses to send an empty document, and says why', async () => {
    const { page, socket } = await inCall();
    await page.type('document-text', '   \n  ');
    await page.click('document-send');
    expect(socket.lastSent('document.push')).toBeUndefined();
    expect(page.get('console-error').textContent).toBe(
      'Le document est vide : il n’a pas été envoyé. Le texte ne contient que des espaces ou des retours à la ligne. Écrivez le texte du document avant de l’envoyer.',
    );

    await page.pickFile('document-file', new File([], 'vide.pdf', { type: 'application/pdf' }));
    await page.click('document-upload');
    expect(socket.lastSent('document.push')).toBeUndefined();
    expect(page.get('console-error').textContent).toBe(
      'Le document est vide : il n’a pas été envoyé. Le fichier ne contient aucune donnée (0 octet).',
    );

    // A PDF without any page: the platform refuses it and says why.
    const pageless = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    await page.pickFile('document-file', new File([pageless], 'sans-page.pdf', { type: 'application/pdf' }));
    await page.click('document-upload');
    await page.platform(() => socket.failTo('document.push', 'document.empty', 'noPage'));
    expect(page.get('console-error').textContent).toBe(
      'Le document est vide : il n’a pas été envoyé. Le fichier PDF ne contient aucune page.',
    );
    expect(page.get('documents-sent').textContent).toBe('');
  });

  it('offers the file in French: a "Choisir un fichier" button and the chosen file’s name', async () => {
    const { page, socket } = await inCall();
    const input = page.get('document-file') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.className).toBe('visually-hidden');
    expect(page.get('document-file-choose').textContent).toBe('Choisir un fichier');
    expect(page.get('document-file-choose').getAttribute('for')).toBe(input.id);
    expect(page.get('document-file-name').textContent).toBe('Aucun fichier choisi');
    await page.click('document-upload');
    expect(page.get('console-error').textContent).toContain('Choisissez d’abord un fichier PDF');
    const pdf = new TextEncoder().encode('%PDF-1.4\n<</Type /Page>>\n%%EOF\n');
    await page.pickFile('document-file', new File([pdf], 'ordonnance.pdf', { type: 'application/pdf' }));
    expect(page.get('document-file-name').textContent).toBe('ordonnance.pdf');
    await page.click('document-upload');
    await page.platform(() =>
      socket.replyTo('document.push', {
        document: { id: 'doc-3', kind: 'prescription', title: 'ordonnance', pages: 1 },
      }),
    );
    expect(page.get('document-file-name').textContent).toBe('Aucun fichier choisi');
  });

  it('uploads a PDF within the size limit and refuses a larger one or another kind of file', async () => {
    const { page, socket } = await inCall();
    const pdf = new TextEncoder().encode('%PDF-1.4\n% ordonnance\n%%EOF\n');
    await page.pickFile(
      'document-file',
      new File([pdf], 'ordonnance-jeanne.pdf', { type: 'application/pdf' }),
    );
    await page.click('document-upload');
    const sent = socket.lastSent('document.push');
    expect(sent).toMatchObject({
      kind: 'prescription',
      title: 'ordonnance-jeanne',
      contentType: 'application/pdf',
    });
    expect([...base64ToBytes(String(sent?.base64))]).toEqual([...pdf]);
    await page.platform(() =>
      socket.replyTo('document.push', {
        document: { id: 'doc-2', kind: 'prescription', title: 'ordonnance-jeanne', pages: 1 },
      }),
    );

    const large = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    large.set(pdf);
    await page.pickFile('document-file', new File([large], 'gros.pdf', { type: 'application/pdf' }));
    await page.click('document-upload');
    expect(page.get('console-error').textContent).toContain('dépasse 1,5');

    await page.pickFile('document-file', new File(['hello'], 'note.pdf', { type: 'application/pdf' }));
    await page.click('document-upload');
    expect(page.get('console-error').textContent).toBe('Ce fichier n’est pas un PDF.');
    expect(socket.sent().filter((message) => message.type === 'document.push')).toHaveLength(1);
  });

  it('shows what the cabin receives of the practitioner, and when the patient’s connection is lost', async () => {
    const { page, socket } = await inCall();
    expect(page.query('patient-sees')).toBeNull();
    await page.platform(() =>
      socket.push({
        type: 'media.reception',
        sessionId: JEANNE.sessionId,
        reception: { audio: false, video: true },
      }),
    );
    expect(page.get('patient-sees').textContent).toBe('Le patient vous voit');
    expect(page.query('patient-hears')).toBeNull();
    await page.platform(() =>
      socket.push({ type: 'call.peerPresence', sessionId: JEANNE.sessionId, present: false }),
    );
    expect(page.get('peer-lost').textContent).toContain('Connexion du patient perdue');
    await page.platform(() => socket.push({ type: 'call.patientJoined', sessionId: JEANNE.sessionId }));
    expect(page.query('peer-lost')).toBeNull();
  });

  it('relays signaling both ways, and ignores pushes about another session', async () => {
    const { page, socket } = await inCall();
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0 offer' } } as const;
    await page.platform(() => {
      socket.push({ type: 'signal', sessionId: JEANNE.sessionId, payload: offer });
      socket.push({ type: 'signal', sessionId: PAUL.sessionId, payload: offer });
      socket.push(callItem({ kind: 'measurement', measurement: BLOOD_PRESSURE }, PAUL.sessionId));
    });
    expect(page.media.latest.signals).toEqual([offer]);
    expect(page.get('measurement-bloodPressure').textContent).toContain('Non mesurée');
    const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0 answer' } } as const;
    page.media.latest.options.sendSignal(answer);
    expect(socket.lastSent('signal')).toEqual({
      type: 'signal',
      sessionId: JEANNE.sessionId,
      payload: answer,
    });
  });

  it('tells the platform what reaches the practitioner, only when it changes', async () => {
    const { page, socket } = await inCall();
    const media = page.media.latest;
    const sample = async (framesDecoded: number, audioPacketsReceived: number): Promise<void> => {
      media.inbound = { framesDecoded, audioPacketsReceived, audioSamplesReceived: 0 };
      await page.advance(RECEPTION_SAMPLE_MS);
    };
    await sample(0, 0);
    await sample(0, 0);
    await sample(30, 0);
    await sample(60, 0);
    await sample(90, 50);
    await sample(90, 50);
    const sent = socket.sent().filter((message) => message.type === 'media.reception');
    expect(sent.map((message) => message.reception)).toEqual([
      { audio: false, video: true },
      { audio: true, video: true },
      { audio: false, video: false },
    ]);
    expect(sent[0]).toMatchObject({ sessionId: JEANNE.sessionId });
  });

  it('goes on without camera or microphone when the browser refuses them, and says so', async () => {
    const page = await open();
    page.media.local = { stream: null, problem: 'denied' };
    const socket = await logIn(page);
    await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [JEANNE] }));
    await page.click(`accept-${JEANNE.sessionId}`);
    await page.platform(() => socket.replyTo('call.accept', { mode: 'direct', iceServers: [] }));
    expect(page.get('call-view')).not.toBeNull();
    expect(page.get('media-problem').textContent).toContain('refusé l’accès à la caméra et au micro');
    await expect(page.media.latest.options.local).resolves.toBeNull();
  });

  it('ends the call after confirmation and returns to the waiting room', async () => {
    const { page, socket } = await inCall();
    await page.click('end-call');
    expect(socket.lastSent('call.end')).toBeUndefined();
    await page.click('end-confirm');
    expect(socket.lastSent('call.end')).toMatchObject({ type: 'call.end', sessionId: JEANNE.sessionId });
    await page.platform(() => {
      socket.push(callEnded('professionalEnded'));
      socket.replyTo('call.end', null);
      socket.push({ type: 'queue.snapshot', entries: [PAUL] });
    });
    expect(page.query('call-view')).toBeNull();
    expect(page.query('call-ended-message')).toBeNull();
    expect(page.all('queue-entry')).toHaveLength(1);
    expect(page.media.latest.closed).toBe(true);
    // Nothing is sampled any more: the only timer left is the waiting room's refresh.
    expect(page.clock.pending()).toBe(1);
  });

  it('keeps the end of the call through a dropped connection and sends it again once reconnected', async () => {
    const { page, socket } = await inCall();
    await page.click('end-call');
    await page.click('end-confirm');
    expect(socket.lastSent('call.end')).toMatchObject({ type: 'call.end', sessionId: JEANNE.sessionId });
    // The network drops before the platform answers.
    await page.platform(() => socket.drop(1006));
    expect(page.get('end-pending').textContent).toBe(
      'Fin de la consultation : elle sera envoyée dès le retour de la connexion.',
    );
    expect(page.get('call-view')).not.toBeNull();
    expect((page.get('end-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(page.query('console-error')).toBeNull();
    expect(page.media.latest.closed).toBe(false);

    // The first reconnection drops too before the platform answers: the end waits for the next one.
    await page.advance(RECONNECT_DELAY_MS);
    const second = page.sockets.latest;
    expect(second).not.toBe(socket);
    await page.platform(() => {
      second.open();
      second.push(TEST_WELCOME);
    });
    expect(second.sent().filter((message) => message.type === 'call.end')).toEqual([
      { type: 'call.end', sessionId: JEANNE.sessionId, requestId: 1 },
    ]);
    await page.platform(() => second.drop(1006));
    expect(page.get('end-pending')).not.toBeNull();

    await page.advance(RECONNECT_DELAY_MS);
    const third = page.sockets.latest;
    expect(third).not.toBe(second);
    await page.platform(() => third.open());
    expect(third.lastSent('call.end')).toBeUndefined();
    await page.platform(() => {
      third.push(TEST_WELCOME);
      third.push({ type: 'queue.snapshot', entries: [PAUL] });
    });
    expect(third.sent().filter((message) => message.type === 'call.end')).toHaveLength(1);
    expect(third.lastSent('call.end')).toMatchObject({ sessionId: JEANNE.sessionId });
    expect(page.get('call-view')).not.toBeNull();
    await page.platform(() => third.replyTo('call.end', null));
    expect(page.query('call-view')).toBeNull();
    expect(page.query('call-ended-message')).toBeNull();
    expect(page.all('queue-entry')).toHaveLength(1);
    expect(page.media.latest.closed).toBe(true);
    expect(page.get('link-state').textContent).toBe('Connecté');
  });

  it('keeps an end asked for while the connection is down, and sends it once reconnected', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.drop(1006));
    await page.click('end-call');
    await page.click('end-confirm');
    expect(page.get('end-pending')).not.toBeNull();
    expect(page.query('console-error')).toBeNull();
    await page.advance(RECONNECT_DELAY_MS);
    const again = await welcomeNewestSocket(page);
    expect(again.lastSent('call.end')).toMatchObject({ sessionId: JEANNE.sessionId });
    // A refusal that is not about the network: the platform no longer holds the call, it is over.
    await page.platform(() => again.failTo('call.end', 'session.unknown'));
    expect(page.query('call-view')).toBeNull();
    expect(page.query('console-error')).toBeNull();
    expect(page.media.latest.closed).toBe(true);
  });

  it('forgets a waiting end when the platform ended the call meanwhile', async () => {
    const { page, socket } = await inCall();
    await page.click('end-call');
    await page.click('end-confirm');
    await page.platform(() => socket.drop(1006));
    await page.advance(RECONNECT_DELAY_MS);
    const again = page.sockets.latest;
    // The platform ended the call while the console was away; the resent end is answered all the same.
    await page.platform(() => {
      again.open();
      again.push(TEST_WELCOME);
      again.push(callEnded('connectionLost'));
      again.failTo('call.end', 'session.unknown');
    });
    expect(page.query('call-view')).toBeNull();
    expect(page.query('call-ended-message')).toBeNull();
    expect(page.media.latest.closed).toBe(true);
    // A later reconnection sends nothing more.
    await page.platform(() => again.drop(1006));
    await page.advance(RECONNECT_DELAY_MS);
    const last = await welcomeNewestSocket(page);
    expect(last.lastSent('call.end')).toBeUndefined();
  });

  it('says the patient left when the cabin ends the call, back in the waiting room', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.push(callEnded('patientLeft')));
    expect(page.query('call-view')).toBeNull();
    expect(page.get('call-ended-message').textContent).toBe('Le patient a quitté la consultation.');
    expect(page.media.latest.closed).toBe(true);
  });

  it('says the connection with the cabin was lost when the platform ends the call for it', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => socket.push(callEnded('connectionLost')));
    expect(page.get('call-ended-message').textContent).toContain('connexion avec la cabine est perdue');
  });

  it('keeps the call view when a malformed push arrives during the call', async () => {
    const { page, socket } = await inCall();
    await page.platform(() => {
      socket.push(callItem({ kind: 'measurement' }));
      socket.push(callItem({ kind: 'gossip' }));
      socket.push({ type: 'media.reception', sessionId: JEANNE.sessionId, reception: { audio: 'yes' } });
    });
    expect(page.get('call-view')).not.toBeNull();
    expect(page.get('measurement-temperature').textContent).toContain('37,2');
    await page.platform(() => socket.push(callItem({ kind: 'measurement', measurement: BLOOD_PRESSURE })));
    expect(page.get('measurement-bloodPressure').textContent).toContain('128/82');
  });
});
