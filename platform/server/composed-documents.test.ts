// The documents a professional composes, over real WebSockets: the platform renders them to PDF, keeps
// them, pushes them to the cabin as application/pdf, refuses a sick leave the rule refuses, and deposits
// each document in the patient's DMP when it may (the test DMP records the deposits).
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { queueJoin, TEST_DOCTOR, TEST_PATIENT_SUMMARY } from '../../test/support/platform-fixtures';
import { TestDmpDeposit } from './dmp-deposit';
import { startPlatform, type RunningPlatform } from './platform-server';
import { TestPeer, tokenFor } from './test-support/test-peer';

let platform: RunningPlatform;
const peers: TestPeer[] = [];

afterEach(async () => {
  for (const peer of peers) expect(peer.violations).toEqual([]);
  for (const peer of peers.splice(0)) peer.close();
  await platform.stop();
});

/** A platform whose DMP records, a cabin whose patient is in a call with the doctor. */
async function inCall(patient: Record<string, unknown> = {}): Promise<{
  cabin: TestPeer;
  doctor: TestPeer;
  dmp: TestDmpDeposit;
}> {
  const dmp = new TestDmpDeposit();
  platform = await startPlatform({
    port: 0,
    clock: new ManualClock(Date.UTC(2026, 11, 5, 9, 0)),
    heartbeatMs: 24 * 3_600_000,
    cabins: [{ cabinId: 'cabin-a', credential: 'secret-a' }],
    practitioners: [TEST_DOCTOR],
    consoleDirectory: null,
    dmp,
  });
  const cabin = await TestPeer.cabin(platform.url, 'cabin-a', 'secret-a');
  const doctor = await TestPeer.practitioner(
    platform.url,
    await tokenFor(platform.url, TEST_DOCTOR.login, TEST_DOCTOR.password),
  );
  peers.push(cabin, doctor);
  await cabin.request(queueJoin('s1', { patient: { ...TEST_PATIENT_SUMMARY, ...patient } }));
  await doctor.value({ type: 'call.accept', sessionId: 's1' });
  await cabin.value({ type: 'call.join', sessionId: 's1' });
  await doctor.next('call.patientJoined', { sessionId: 's1' });
  return { cabin, doctor, dmp };
}

const ORDONNANCE = {
  kind: 'prescription',
  lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours' }],
};

describe('documents composed in the console', () => {
  it('an ordonnance reaches the cabin as a PDF with the patient, the lines and a test identifier, and goes to the DMP', async () => {
    const { cabin, doctor, dmp } = await inCall({ source: 'card' });
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: false } });
    await doctor.next('call.item');
    const composed = (await doctor.value({
      type: 'document.compose',
      sessionId: 's1',
      document: ORDONNANCE,
    })) as {
      document: { id: string };
    };
    expect(composed).toMatchObject({
      document: { kind: 'prescription', title: 'Ordonnance', pages: 1 },
      dmp: { deposited: true },
    });
    await expect(cabin.next('call.documentPushed')).resolves.toMatchObject({ document: composed.document });
    const fetched = (await cabin.value({
      type: 'document.fetch',
      sessionId: 's1',
      documentId: composed.document.id,
    })) as { contentType: string; base64: string };
    expect(fetched.contentType).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-', '-'], {
      input: Buffer.from(fetched.base64, 'base64'),
    }).toString();
    expect(text).toContain('MARTINEAU Lucas');
    expect(text).toContain('Paracétamol 1 g');
    expect(text).toContain('Dr Claire Fontaine');
    expect(text).toMatch(/TEST-ORDO-2026-000001/);
    expect(dmp.deposits()).toMatchObject([
      {
        sessionId: 's1',
        documentId: composed.document.id,
        kind: 'prescription',
        contentType: 'application/pdf',
      },
    ]);
  });

  it('a sick leave of more than 3 days without an exception is refused with the reason; with one it goes', async () => {
    const { cabin, doctor } = await inCall();
    const leave = { kind: 'sickLeave', startDate: '2026-12-05', days: 7, motive: 'Grippe', exceptions: [] };
    await expect(
      doctor.request({ type: 'document.compose', sessionId: 's1', document: leave }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'sickLeave.refused', detail: 'tooLongFromTeleconsultation' } },
    });
    expect(cabin.seen('call.documentPushed')).toHaveLength(0);
    await expect(
      doctor.value({
        type: 'document.compose',
        sessionId: 's1',
        document: { ...leave, exceptions: ['treatingDoctor'] },
      }),
    ).resolves.toMatchObject({ document: { kind: 'sickLeave', title: 'Arrêt de travail' } });
    await cabin.next('call.documentPushed');
  });

  it('the DMP deposit is refused when the INS is not qualified (typed identity) or the patient opposed it', async () => {
    const { cabin, doctor, dmp } = await inCall({ source: 'manual' });
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: false } });
    await doctor.next('call.item');
    const report = { kind: 'report', text: 'Cher confrère, …' };
    await expect(
      doctor.value({ type: 'document.compose', sessionId: 's1', document: report }),
    ).resolves.toMatchObject({
      dmp: { deposited: false, reason: 'insNotQualified' },
    });
    await cabin.next('call.documentPushed');
    expect(dmp.deposits()).toEqual([]);
  });

  it('a document sent before the patient chose waits, and is deposited when the choice comes after the call', async () => {
    const { cabin, doctor, dmp } = await inCall({ source: 'card' });
    await expect(
      doctor.value({ type: 'document.compose', sessionId: 's1', document: ORDONNANCE }),
    ).resolves.toMatchObject({
      dmp: { deposited: false, reason: 'choiceUnknown' },
    });
    expect(dmp.deposits()).toEqual([]);
    await doctor.value({ type: 'call.end', sessionId: 's1' });
    await cabin.next('call.ended');
    // The documents screen: the patient does not oppose it.
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: false } });
    await expect.poll(() => dmp.deposits().length).toBe(1);
    expect(dmp.deposits()).toMatchObject([{ kind: 'prescription' }]);
  });

  it('a document sent before the patient chose is not deposited when they then oppose it', async () => {
    const { cabin, doctor, dmp } = await inCall({ source: 'card' });
    await doctor.value({ type: 'document.compose', sessionId: 's1', document: ORDONNANCE });
    await doctor.value({ type: 'call.end', sessionId: 's1' });
    await cabin.next('call.ended');
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: true } });
    // A second choice finds nothing left waiting.
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: false } });
    expect(dmp.deposits()).toEqual([]);
  });

  it('a patient who opposed the DMP: a pushed text is not deposited and the console is told why', async () => {
    const { cabin, doctor, dmp } = await inCall({ source: 'card' });
    await cabin.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: true } });
    await doctor.next('call.item');
    await expect(
      doctor.value({
        type: 'document.push',
        sessionId: 's1',
        kind: 'other',
        title: 'Conseils',
        contentType: 'text/plain',
        base64: Buffer.from('Boire beaucoup').toString('base64'),
      }),
    ).resolves.toMatchObject({ document: { kind: 'other' }, dmp: { deposited: false, reason: 'opposed' } });
    expect(dmp.deposits()).toEqual([]);
  });
});
