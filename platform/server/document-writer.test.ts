import { describe, expect, it } from 'vitest';
import type { DmpOutcome } from '../../contract/composed-document';
import type { PatientSummary } from '../../contract/platform-protocol';
import { ManualClock } from '../../test/support/manual-clock';
import { DEMO_PRACTITIONERS } from './demo-accounts';
import { dmpAllowed } from './dmp-deposit';
import { DocumentWriter } from './document-writer';
import { TestPrescriptionService } from './prescription-service';

const PATIENT: PatientSummary = {
  surname: 'Roux',
  firstName: 'Zoé',
  birthDate: '2001-07-14',
  nir: null,
  source: 'card',
};

describe('the seams of the documents', () => {
  it('the test prescription service says its identifiers are test ones, each unique', async () => {
    const service = new TestPrescriptionService(new ManualClock(Date.UTC(2026, 11, 5)));
    const first = await service.identify({ rpps: '10000000000', lines: 1 });
    const second = await service.identify({ rpps: '10000000000', lines: 2 });
    expect(first).toEqual({ ok: true, value: { identifier: 'TEST-ORDO-2026-000001' } });
    expect(second).toEqual({ ok: true, value: { identifier: 'TEST-ORDO-2026-000002' } });
  });

  const cases: readonly [PatientSummary['source'], boolean | null, DmpOutcome | 'allowed'][] = [
    ['card', false, 'allowed'],
    ['card', true, { deposited: false, reason: 'opposed' }],
    ['card', null, { deposited: false, reason: 'choiceUnknown' }],
    ['manual', false, { deposited: false, reason: 'insNotQualified' }],
    ['manual', true, { deposited: false, reason: 'opposed' }],
  ];
  it.each(cases)('a DMP deposit, identity %s, opposed %s → %j', (source, opposed, expected) => {
    const allowed = dmpAllowed({ ...PATIENT, source }, opposed);
    if (expected === 'allowed') expect(allowed.ok).toBe(true);
    else expect(allowed).toEqual({ ok: false, error: expected });
  });

  it('a sick leave starting on a day that does not exist is refused as invalid', async () => {
    const writer = new DocumentWriter({ clock: new ManualClock(0), log: () => undefined });
    const written = await writer.write(DEMO_PRACTITIONERS[0].professional, PATIENT, {
      kind: 'sickLeave',
      startDate: '2026-02-30',
      days: 2,
      motive: '',
      exceptions: [],
    });
    expect(written).toEqual({ ok: false, error: { code: 'document.invalid', detail: 'startDate' } });
  });

  it('without DejaVu Sans the platform says in its log that it prints in Helvetica', () => {
    const events: string[] = [];
    new DocumentWriter({
      clock: new ManualClock(0),
      log: (event) => events.push(event),
      fonts: { regular: null, bold: null },
    });
    expect(events).toEqual(['document.fontFallback']);
  });
});
