// The billing block from the cabin's platform link to the reference platform over real WebSockets: the
// professional who takes the patient receives the names, the NIR and the birth date of a beneficiary;
// another professional of the same waiting room receives none of them, before or after; a card NIR
// whose key is wrong arrives flagged, not as a number; and after a whole call the platform's log holds
// no NIR, no name and no birth date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallFact, CarePathAnswers, PatientIdentity, QueueEvent } from '../../../contract';
import type { PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import type { PlatformLog } from '../../../platform/server/platform-log';
import type { RunningPlatform } from '../../../platform/server/platform-server';
import { TestPeer, tokenFor } from '../../../platform/server/test-support/test-peer';
import { ManualClock } from '../../support/manual-clock';
import {
  connectTestDoctor,
  doctorQueueEntry,
  FactLog,
  startTestPlatform,
  TEST_DOCTOR,
  testCabinLink,
} from '../../support/platform-fixtures';

/** A second doctor of the same waiting room, who does not take the patient. */
const OTHER_DOCTOR = {
  login: 'marc.roux',
  password: 'another horse',
  professional: { ...TEST_DOCTOR.professional, name: 'Marc Roux', rpps: '10000000034' },
};

/** A child on her mother's card (fictitious): a beneficiary, with her own NIR. */
const CHILD: PatientIdentity = {
  surname: 'LEFEBVRE',
  firstName: 'Chloé',
  birthDate: '2014-05-09',
  nir: '214057512345610',
  source: 'card',
  holder: false,
};

/** A child's cover answers: no parcours question under 16; ALD yes, CSS no. */
const CHILD_ANSWERS: CarePathAnswers = {
  hasRegularDoctor: null,
  referredByRegularDoctor: null,
  regularDoctorUnavailable: null,
  exemptedSituation: null,
  longTermCondition: 'yes',
  pregnantSixthMonth: null,
  solidarityCover: 'no',
};

/** The session's date: 5 December 2026, the child is 12. */
const NOW = Date.UTC(2026, 11, 5, 9, 0);

describe('the billing block goes to the professional who takes the patient, and nowhere else', () => {
  let clock: ManualClock;
  let platform: RunningPlatform;
  let link: PlatformSocketLink;
  let doctor: TestPeer;
  let other: TestPeer;
  let logLines: string[];

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    logLines = [];
    const log: PlatformLog = (event, fields = {}) => logLines.push(JSON.stringify({ event, fields }));
    platform = await startTestPlatform({ practitioners: [TEST_DOCTOR, OTHER_DOCTOR], clock, log });
    link = testCabinLink(platform.url, clock);
    doctor = await connectTestDoctor(platform);
    other = await TestPeer.practitioner(
      platform.url,
      await tokenFor(platform.url, OTHER_DOCTOR.login, OTHER_DOCTOR.password),
    );
    // Both consoles start with the empty waiting room.
    await doctor.next('queue.snapshot');
    await other.next('queue.snapshot');
  });

  afterEach(async () => {
    expect(doctor.violations).toEqual([]);
    expect(other.violations).toEqual([]);
    link.close();
    doctor.close();
    other.close();
    await platform.stop();
  });

  /** Puts `identity` in the doctors' waiting room; resolves once the other doctor lists the patient. */
  async function waitWith(sessionId: string, identity: PatientIdentity): Promise<void> {
    const queue = new FactLog<QueueEvent>();
    link.joinQueue({ ...doctorQueueEntry(sessionId), identity, carePath: CHILD_ANSWERS }, queue.report);
    await queue.next('queue.updated');
    await expect(other.next('queue.snapshot')).resolves.toMatchObject({ entries: [{ sessionId }] });
  }

  /** Everything the other doctor's console received, as one text. */
  const otherReceived = (): string => JSON.stringify(other.pushes);

  it('the doctor who takes the child gets her names, NIR, birth date and cover; the other doctor none of them', async () => {
    await waitWith('session-b1', CHILD);
    // In the waiting room: nothing that names the patient, for anyone.
    for (const secret of [CHILD.surname, CHILD.firstName, CHILD.birthDate, '214057512345610']) {
      expect(otherReceived()).not.toContain(secret);
    }
    await doctor.value({ type: 'call.accept', sessionId: 'session-b1' });
    await expect(doctor.next('call.started')).resolves.toMatchObject({
      billing: {
        surname: 'LEFEBVRE',
        firstName: 'Chloé',
        nir: '214057512345610',
        nirStatus: 'valid',
        insured: 'beneficiary',
        birthDate: '2014-05-09',
        source: 'card',
        cover: {
          carePath: 'notAsked',
          longTermCondition: 'yes',
          maternity: null,
          solidarityCover: 'no',
          minor: true,
        },
      },
    });
    const call = new FactLog<CallFact>();
    link.joinCall('session-b1', call.report);
    await call.next('call.joined');
    await doctor.value({ type: 'call.end', sessionId: 'session-b1' });
    await call.next('call.ended');
    await expect(other.next('queue.snapshot')).resolves.toMatchObject({ entries: [] });

    // After the whole call: the other doctor never received them, and the platform's log holds none.
    for (const secret of [CHILD.surname, CHILD.firstName, CHILD.birthDate, '214057512345610']) {
      expect(otherReceived()).not.toContain(secret);
    }
    expect(other.seen('call.started')).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    for (const secret of ['LEFEBVRE', 'Chloé', '2014-05-09', '214057512345610', '2140575123456']) {
      expect(log).not.toContain(secret);
    }
  });

  it('a card NIR whose key was wrong arrives flagged, and never as a number', async () => {
    const holder: PatientIdentity = {
      surname: 'LEFEBVRE',
      firstName: 'Anne',
      birthDate: '1984-02-17',
      nir: null,
      source: 'card',
      holder: true,
      cardNirFault: 'invalidKey',
    };
    await waitWith('session-b2', holder);
    await doctor.value({ type: 'call.accept', sessionId: 'session-b2' });
    await expect(doctor.next('call.started')).resolves.toMatchObject({
      patient: { nir: null },
      billing: { nir: null, nirStatus: 'keyWrong', insured: 'insured', birthDate: null },
    });
  });
});
