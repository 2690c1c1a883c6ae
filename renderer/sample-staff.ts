// Sample answers of the staff commands, for the staff screens' tests and for previews without a
// controller: two devices, a register of two records, and a short blood pressure procedure.
import type { DeviceReport, MaintenanceRecord, ProcedurePrompt, TrafficEntry } from '../contract/maintenance';
import type { CabinError, Result } from '../contract/result';
import type { StaffCommand } from '../contract/staff';

/** 12 March 2026, 10:00 on the cabin's local clock. */
export const SAMPLE_STAFF_NOW = new Date(2026, 2, 12, 10, 0).getTime();

const YEAR_MS = 365 * 24 * 3600_000;

/** A passed verification of the sample tensiometer, with its points. */
export const SAMPLE_RECORD: MaintenanceRecord = {
  id: '7d3f3c0e-3a4e-4d5e-9f00-000000000001',
  kind: 'verification',
  peripheral: 'bloodPressure',
  modelId: 'nibp-ascii',
  serialNumber: 'NIBP-00421',
  technician: 'Paul Leroy',
  reference: { instrument: 'Manomètre DPI 104', certificate: 'COFRAC 2025-118' },
  points: [
    {
      step: 'pressure.250',
      quantity: 'pressure',
      unit: 'mmHg',
      reference: 250,
      reading: 251,
      error: 1,
      limit: 3,
      pass: true,
    },
    {
      step: 'pressure.150',
      quantity: 'pressure',
      unit: 'mmHg',
      reference: 150.5,
      reading: 149,
      error: -1.5,
      limit: 3,
      pass: true,
    },
    {
      step: 'leak',
      quantity: 'leakRate',
      unit: 'mmHg/min',
      reference: 0,
      reading: 2,
      error: 2,
      limit: 6,
      pass: true,
    },
  ],
  corrections: [],
  verdict: 'pass',
  at: SAMPLE_STAFF_NOW,
  nextDueAt: SAMPLE_STAFF_NOW + YEAR_MS,
  note: null,
};

/** A repair of the sample scale, older than the verification. */
export const SAMPLE_REPAIR: MaintenanceRecord = {
  ...SAMPLE_RECORD,
  id: '7d3f3c0e-3a4e-4d5e-9f00-000000000002',
  kind: 'repair',
  peripheral: 'weight',
  modelId: 'mt-sics',
  serialNumber: 'B123456789',
  reference: null,
  points: [],
  verdict: null,
  at: SAMPLE_STAFF_NOW - 30 * 24 * 3600_000,
  nextDueAt: null,
  note: 'Câble remplacé',
};

/** The devices as the technician's list shows them: a tensiometer that works, a scale overdue. */
export const SAMPLE_DEVICE_REPORTS: readonly DeviceReport[] = [
  {
    peripheral: 'bloodPressure',
    modelId: 'nibp-ascii',
    port: '/dev/ttyUSB0',
    state: 'ok',
    reason: null,
    identity: { model: 'NIBP module', serialNumber: 'NIBP-00421', firmware: '2.1.7', source: 'device' },
    lastFrames: [{ atMs: SAMPLE_STAFF_NOW - 5000, text: '{"cuff":0}' }],
    lastRecord: SAMPLE_RECORD,
    procedureAvailable: true,
  },
  {
    peripheral: 'weight',
    modelId: 'mt-sics',
    port: '/dev/ttyUSB1',
    state: 'faulty',
    reason: 'calibration.overdue',
    identity: { model: 'MT-SICS scale', serialNumber: 'B123456789', firmware: '1.20', source: 'device' },
    lastFrames: [],
    lastRecord: null,
    procedureAvailable: true,
  },
];

/** Two chunks of a device's traffic: a command and its answer. */
export const SAMPLE_TRAFFIC: readonly TrafficEntry[] = [
  { atMs: SAMPLE_STAFF_NOW + 100, direction: 'toDevice', hex: '0230313b3b4439' },
  { atMs: SAMPLE_STAFF_NOW + 180, direction: 'fromDevice', hex: '06' },
];

/** The prompts of the sample procedure, in order, ending with the sample record. */
export const SAMPLE_PROCEDURE: readonly ProcedurePrompt[] = [
  { kind: 'instruction', code: 'bloodPressure.connectReference', params: {} },
  {
    kind: 'reference',
    code: 'bloodPressure.point',
    quantity: 'pressure',
    unit: 'mmHg',
    target: 250,
    index: 0,
    count: 2,
    params: {},
  },
  {
    kind: 'reference',
    code: 'bloodPressure.point',
    quantity: 'pressure',
    unit: 'mmHg',
    target: 150,
    index: 1,
    count: 2,
    params: {},
    points: SAMPLE_RECORD.points.slice(0, 1),
  },
  {
    kind: 'instruction',
    code: 'bloodPressure.leakTest',
    params: { seconds: 60 },
    points: SAMPLE_RECORD.points.slice(0, 2),
  },
  { kind: 'finished', record: SAMPLE_RECORD },
];

/**
 * Answers staff commands like a cabin with the samples above would: the device list, the traffic, the
 * register, the procedure's prompts in order, an export summary; done (null) for the other commands.
 */
export function sampleStaffAnswers(): (command: StaffCommand) => Result<unknown, CabinError> {
  let step = 0;
  return (command) => {
    switch (command.type) {
      case 'technician.listDevices':
        return { ok: true, value: SAMPLE_DEVICE_REPORTS };
      case 'technician.traffic':
        return { ok: true, value: SAMPLE_TRAFFIC.filter((entry) => entry.atMs >= command.sinceMs) };
      case 'technician.records':
        return { ok: true, value: [SAMPLE_REPAIR, SAMPLE_RECORD] };
      case 'technician.startProcedure':
        step = 0;
        return { ok: true, value: SAMPLE_PROCEDURE[0] };
      case 'technician.answerProcedure':
        step = Math.min(step + 1, SAMPLE_PROCEDURE.length - 1);
        return { ok: true, value: SAMPLE_PROCEDURE[step] };
      case 'technician.recordIntervention':
        return { ok: true, value: { ...SAMPLE_REPAIR, kind: command.kind, note: command.note } };
      case 'technician.export':
        return {
          ok: true,
          value: {
            directory: command.directory,
            files: ['journal.jsonl', 'registre.jsonl', 'appareils.json'],
            records: 2,
            logLines: 318,
          },
        };
      default:
        return { ok: true, value: null };
    }
  };
}
