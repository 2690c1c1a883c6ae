// The checks of the configuration's device and staff sections: each answers the first problem found, in
// words for the person who wrote the file, or null when the section is sound.
import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import type { CabinConfig } from './config';
import { isInstrumentKind } from '../contract';
import { MAX_PATTERN_LENGTH } from '../devices/instrument-match';
import { isPinHash } from './staff/pin-hash';

/** The shortest and longest idle time of a staff panel (15 s to 30 min). */
const STAFF_IDLE_MS = { min: 15_000, max: 1_800_000 } as const;

/** Subtitles: when on, an engine to run, text arguments, and a model folder given as an absolute path. */
export function checkSubtitles(subtitles: CabinConfig['subtitles']): string | null {
  const { enabled, command, args, model } = subtitles;
  if (!args.every((arg) => typeof arg === 'string')) return 'subtitles.args must list texts';
  if (model !== '' && !isAbsolute(model)) return 'subtitles.model must be an absolute folder path';
  if (enabled && command.trim() === '') return 'subtitles.command must name the speech engine to run';
  return null;
}

/** The longest a print job may take before it is cancelled (10 minutes): longer, the patient has left. */
const MAX_JOB_TIMEOUT_MS = 600_000;

/** The printer: a known kind and a job deadline between 5 seconds and 10 minutes. */
export function checkPrinter(printer: CabinConfig['printer']): string | null {
  if (!['auto', 'simulated', 'cups'].includes(printer.kind)) {
    return 'printer.kind must be "auto", "simulated" or "cups"';
  }
  const ms = printer.jobTimeoutMs;
  if (!Number.isInteger(ms) || ms < 5_000 || ms > MAX_JOB_TIMEOUT_MS) {
    return `printer.jobTimeoutMs must be a whole number of ms from 5000 to ${MAX_JOB_TIMEOUT_MS}`;
  }
  return null;
}

/** The answer time a terminal may be given: 10 s to 10 min (the public clients wait 180 s). */
const PAYMENT_ANSWER_MS = { min: 10_000, max: 600_000 } as const;

/** The payment terminal: a known kind, a host name or address, a TCP port, the protocol's identifiers. */
export function checkPaymentTerminal(terminal: CabinConfig['paymentTerminal']): string | null {
  const { kind, host, port, concertId, registerId, answerTimeoutMs, connectTimeoutMs } = terminal;
  if (kind !== 'simulated' && kind !== 'caisseAp')
    return 'paymentTerminal.kind must be "simulated" or "caisseAp"';
  if (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) {
    return 'paymentTerminal.host must be an IP address or a host name';
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return 'paymentTerminal.port must be an integer from 1 to 65535';
  if (!/^[0-9]{12}$/.test(concertId)) return 'paymentTerminal.concertId must be 12 digits (Caisse-AP CJ)';
  if (!/^[0-9]{2}$/.test(registerId)) return 'paymentTerminal.registerId must be 2 digits (Caisse-AP CA)';
  const { min, max } = PAYMENT_ANSWER_MS;
  if (!Number.isInteger(answerTimeoutMs) || answerTimeoutMs < min || answerTimeoutMs > max) {
    return `paymentTerminal.answerTimeoutMs must be a whole number of ms from ${min} to ${max}`;
  }
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 500 || connectTimeoutMs > 60_000) {
    return 'paymentTerminal.connectTimeoutMs must be a whole number of ms from 500 to 60000';
  }
  return null;
}

/** The staff: PIN hashes both or neither, each one a scrypt hash the cabin can check; a bounded idle time. */
export function checkStaff(staff: CabinConfig['staff']): string | null {
  const { attendantPinHash, technicianPinHash, idleMs } = staff;
  if ((attendantPinHash === '') !== (technicianPinHash === '')) {
    return 'staff.attendantPinHash and staff.technicianPinHash go together: give both, or neither';
  }
  for (const [key, hash] of [
    ['attendantPinHash', attendantPinHash],
    ['technicianPinHash', technicianPinHash],
  ] as const) {
    if (hash !== '' && !isPinHash(hash)) {
      return `staff.${key} must be a hash from "npm run diag -- hash-pin" (scrypt$N$r$p$salt$hash), never the PIN`;
    }
  }
  if (!Number.isInteger(idleMs) || idleMs < STAFF_IDLE_MS.min || idleMs > STAFF_IDLE_MS.max) {
    return `staff.idleMs must be a whole number of ms from ${STAFF_IDLE_MS.min} to ${STAFF_IDLE_MS.max}`;
  }
  return null;
}

/** The most instruments a cabin's configuration may list. */
const MAX_INSTRUMENTS = 16;

/**
 * The instruments: at most 16 entries of `{ kind, labelPattern, required }`, each a known kind, a pattern
 * of 1 to 64 printable characters (an optional `^` and `$` around the text) and a yes or no.
 */
export function checkInstruments(instruments: unknown): string | null {
  const shape = 'instruments must list { "kind": "otoscope", "labelPattern": "...", "required": true }';
  if (!Array.isArray(instruments)) return shape;
  if (instruments.length > MAX_INSTRUMENTS) return `instruments may list at most ${MAX_INSTRUMENTS} entries`;
  for (const [index, entry] of (instruments as unknown[]).entries()) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return shape;
    const keys = Object.keys(entry).sort().join(',');
    if (keys !== 'kind,labelPattern,required') return shape;
    const { kind, labelPattern, required } = entry as Record<string, unknown>;
    if (!isInstrumentKind(kind)) {
      return `instruments[${index}].kind must be "otoscope", "dermatoscope", "examinationCamera" or "stethoscope"`;
    }
    if (typeof required !== 'boolean') return `instruments[${index}].required must be true or false`;
    const text = typeof labelPattern === 'string' ? labelPattern.replace(/^\^/, '').replace(/\$$/, '') : '';
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
    if (text.trim() === '' || text.length > MAX_PATTERN_LENGTH || unsafe.test(text)) {
      return `instruments[${index}].labelPattern must be 1 to ${MAX_PATTERN_LENGTH} printable characters (a part of the device's name)`;
    }
  }
  return null;
}
