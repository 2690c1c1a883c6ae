// What the cabin makes of a CUPS queue's state and reasons: the failure the patient is told, or a
// warning for the attendant.
import { describe, expect, it } from 'vitest';
import { PRINTER_STATE } from './ipp-codec';
import { failureCode, printerCondition } from './printer-condition';

const idle = { state: PRINTER_STATE.idle, reasons: ['none'], accepting: true };

describe('printer condition', () => {
  it.each([
    ['an idle printer', idle, 'ready', null],
    ['paper running low', { ...idle, reasons: ['media-low-warning'] }, 'lowPaper', null],
    [
      'no paper, the printer stopped',
      { ...idle, state: PRINTER_STATE.stopped, reasons: ['media-empty-error', 'paused'] },
      'outOfPaper',
      'printer.outOfPaper',
    ],
    ['a paper jam', { ...idle, reasons: ['media-jam-error'] }, 'jammed', 'printer.jammed'],
    ['an open door', { ...idle, reasons: ['door-open-report'] }, 'doorOpen', 'printer.doorOpen'],
    ['an open cover', { ...idle, reasons: ['cover-open-error'] }, 'doorOpen', 'printer.doorOpen'],
    ['a printer off line', { ...idle, reasons: ['offline-report'] }, 'offline', 'printer.offline'],
    [
      'a queue disabled (cupsdisable)',
      { ...idle, state: PRINTER_STATE.stopped, reasons: ['paused'] },
      'offline',
      'printer.offline',
    ],
    ['another error', { ...idle, reasons: ['toner-empty-error'] }, 'offline', 'printer.offline'],
    [
      'a queue refusing jobs (cupsreject)',
      { ...idle, accepting: false },
      'notAccepting',
      'printer.notAccepting',
    ],
    [
      'paper out and low at once: the failure wins',
      { ...idle, reasons: ['media-low-warning', 'media-empty-error'] },
      'outOfPaper',
      'printer.outOfPaper',
    ],
  ] as const)('%s', (_, status, condition, code) => {
    expect(printerCondition(status)).toBe(condition);
    expect(failureCode(printerCondition(status))).toBe(code);
  });

  it('tells a cabin without a printer', () => {
    expect(failureCode('notConfigured')).toBe('printer.notConfigured');
  });
});
