// The cabin's configuration: defaults for `npm start` (simulated hardware, local platform), merged
// with an optional JSON file. Every value is checked; a bad file stops the start with a clear message.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { err, ok, PROFESSIONS, type Locale, type Result } from '../contract';
import {
  DEFAULT_TARIFFS,
  THIRD_PARTY_PAYMENT_POLICIES,
  type TariffTable,
  type ThirdPartyPaymentPolicy,
} from '../state-machines/cost';
import type { InstrumentExpectation } from '../devices/instrument-match';
import {
  checkInstruments,
  checkPaymentTerminal,
  checkPrinter,
  checkStaff,
  checkSubtitles,
} from './config-sections';
import type { RetentionPolicy } from './store';

/** Everything the controller needs to know about this cabin. */
export interface CabinConfig {
  /** `simulated`: interim simulators behind the device interfaces; `real`: the device catalog (issue 3). */
  readonly hardware: 'simulated' | 'real';
  /** Holds the SQLite store; patient data never stays there past a session. */
  readonly dataDirectory: string;
  /** Holds the rotated operation log (no patient data). */
  readonly logDirectory: string;
  /** Browser mode listens on 127.0.0.1 only; 0 picks a free port. */
  readonly port: number;
  /**
   * The staff's PINs, as scrypt hashes made by `npm run diag -- hash-pin` (never the PIN itself): both
   * or neither. Empty, the PINs are the store's: chosen on the cabin's screen at the first start with
   * real hardware, the demonstration PINs with simulated hardware. `idleMs`: a staff panel left that
   * long without a command closes by itself.
   */
  readonly staff: {
    readonly attendantPinHash: string;
    readonly technicianPinHash: string;
    readonly idleMs: number;
  };
  /**
   * The attendant page (main/attendant-page/): the cabin's state and help calls, without patient data,
   * for the counter's computer or phone. Off unless enabled; `host` is the address it listens on
   * (`0.0.0.0` or the cabin PC's LAN address to reach it from the counter), `port` its own port.
   * The page logs in with the attendant's PIN. On any address but this machine's, simulated hardware
   * needs PIN hashes in `staff` (the demonstration PINs are public).
   */
  readonly attendantPage: { readonly enabled: boolean; readonly host: string; readonly port: number };
  /**
   * The version of the consent text in each language (assets/strings), recorded with each consent:
   * the one of the language the patient read. Change it when the text changes.
   */
  readonly consentTextVersions: Readonly<Record<Locale, string>>;
  /** Fees, usual cover and deduction of each profession: the operator's figures, today's as defaults. */
  readonly tariffs: TariffTable;
  /**
   * The tiers payant the operator offers (state-machines/cost.ts): `legalCases` (default: ALD, maternity,
   * CSS only), `complementaryPartDue` (the patient pays only the complementary part of a reimbursed
   * consultation) or `nothingDue` (nothing to pay for a reimbursed consultation). The cost screen shows
   * it before the patient accepts, and the payment asks exactly what that screen showed.
   */
  readonly thirdPartyPayment: ThirdPartyPaymentPolicy;
  readonly delays: {
    readonly inactivityMs: number;
    readonly stillThereGraceMs: number;
    readonly goodbyeMs: number;
    /** How long a dropped call tries to bring video and sound back before falling back to sound only. */
    readonly reconnectWindowMs: number;
    /** How long the sound-only fallback tries before the call ends and the attendant is called. */
    readonly audioOnlyWindowMs: number;
  };
  /**
   * After each session the welcome screen says the cabin is being cleaned and starts no session until
   * the attendant marks it cleaned, or `maxWaitMs` has passed (then the cabin opens, still marked to
   * clean on the attendant's panel).
   */
  readonly cleaning: {
    readonly maxWaitMs: number;
  };
  /**
   * The teleconsultation platform. `local`: `npm start` runs the reference platform (platform/) beside the
   * cabin on this machine and fills in url and credential; `remote`: an operator's platform over TLS
   * (`https://…`), the credential from the file or from CABINE_PLATFORM_CREDENTIAL; `simulated`: an
   * in-process platform without media (scenario tests).
   */
  readonly platform: {
    readonly kind: 'local' | 'remote' | 'simulated';
    readonly url: string;
    readonly cabinId: string;
    readonly credential: string;
    /** `local` only: the port of the platform on this machine (0 picks a free one). */
    readonly localPort: number;
  };
  /**
   * Pace of the simulators, in ms a step; how long the simulated professional talks; and whether the
   * measuring devices are the real codecs on byte-level simulators (default) or domain-level values.
   */
  readonly simulation: {
    readonly stepMs: number;
    readonly callMs: number;
    readonly byteLevelDevices: boolean;
    /** `virtualCard`: a virtual Vitale on pcscd's vpcd reader when pcscd runs (else `domain`, values above PC/SC). */
    readonly cardReader: 'virtualCard' | 'domain';
  };
  /**
   * The printer. `auto` (default): the simulated printer with simulated hardware, CUPS with real hardware;
   * `simulated` or `cups` to choose. For CUPS, `server` is a socket path, host[:port] or ipp:// URL (empty:
   * CUPS_SERVER, else the local socket), `destination` a queue name (empty: PRINTER, else the server's
   * default destination); a job not ended after `jobTimeoutMs` is cancelled and reported.
   */
  readonly printer: {
    readonly kind: 'auto' | 'simulated' | 'cups';
    readonly server: string;
    readonly destination: string;
    readonly jobTimeoutMs: number;
  };
  /**
   * The bank-card terminal. `simulated` (default): with simulated hardware and byte-level devices, the
   * Caisse-AP terminal simulator on 127.0.0.1 and the real protocol client talking to it; otherwise the
   * domain-level simulated terminal. `caisseAp`: a terminal speaking Caisse-AP over IP at `host`:`port`
   * (8888 by default), the cabin known to it as point of sale `concertId` (`CJ`, 12 digits) and register
   * `registerId` (`CA`, 2 digits); an answer not come within `answerTimeoutMs` leaves the payment
   * unsettled, a connection not made within `connectTimeoutMs` counts as unreachable.
   */
  readonly paymentTerminal: {
    readonly kind: 'simulated' | 'caisseAp';
    readonly host: string;
    readonly port: number;
    readonly concertId: string;
    readonly registerId: string;
    readonly answerTimeoutMs: number;
    readonly connectTimeoutMs: number;
  };
  /** Real hardware: serial ports to use for a model even when the system does not list them. */
  readonly fixedPorts: readonly { readonly modelId: string; readonly path: string }[];
  /**
   * How many days the store keeps what is not patient data (pruned at boot and once a day): the session
   * audit, and the consent records as long as the operator's policy says (main/store/README.md).
   */
  readonly retention: RetentionPolicy;
  /**
   * Live subtitles of the professional's speech, off by default. `command` (with `args`) runs the
   * operator's offline speech engine on the cabin, which speaks the line protocol of
   * main/speech/line-protocol-speech-to-text.ts; `model` is the folder of its French model (for Vosk,
   * e.g. /opt/vosk/vosk-model-small-fr-0.22). An engine or model not found is logged at start and
   * subtitles are not offered.
   */
  /**
   * The examination instruments this cabin has (devices/instrument-catalog.ts): each `kind`, a label
   * `labelPattern` telling it among the browser's cameras and microphones (a substring of the label, any
   * case; `^`/`$` anchor it), and `required`: missing, it is a device fault on the attendant's panel.
   */
  readonly instruments: readonly InstrumentExpectation[];
  readonly subtitles: {
    readonly enabled: boolean;
    readonly command: string;
    readonly args: readonly string[];
    readonly model: string;
  };
}

/** The longest a cabin may wait for its cleaning (one hour): longer, a busy day would lose the cabin. */
const MAX_CLEANING_WAIT_MS = 3_600_000;

/**
 * The least time a patient is warned before a screen closes by itself (the still-there grace, the
 * goodbye screen): 20 s, so that a slow reader or a read-aloud voice can ask for more time.
 */
const MIN_WARNING_MS = 20_000;

/** The longest retention a setting may ask for, in days (100 years): a larger number is a typo. */
const MAX_RETENTION_DAYS = 36_500;

/** The configuration `npm start` runs with when no file is given. */
export function defaultConfig(baseDirectory: string): CabinConfig {
  return {
    hardware: 'simulated',
    dataDirectory: join(baseDirectory, 'data'),
    logDirectory: join(baseDirectory, 'logs'),
    port: 0,
    staff: { attendantPinHash: '', technicianPinHash: '', idleMs: 120_000 },
    attendantPage: { enabled: false, host: '127.0.0.1', port: 8091 },
    consentTextVersions: {
      fr: 'fr-2026-12b',
      en: 'en-2026-12b',
      ar: 'ar-2026-12',
      es: 'es-2026-12',
      pt: 'pt-2026-12',
      tr: 'tr-2026-12',
    },
    tariffs: DEFAULT_TARIFFS,
    thirdPartyPayment: 'legalCases',
    delays: {
      inactivityMs: 90_000,
      stillThereGraceMs: 30_000,
      goodbyeMs: 45_000,
      reconnectWindowMs: 20_000,
      audioOnlyWindowMs: 20_000,
    },
    cleaning: { maxWaitMs: 180_000 },
    platform: { kind: 'local', url: '', cabinId: 'cabine-locale', credential: '', localPort: 8090 },
    simulation: { stepMs: 700, callMs: 20_000, byteLevelDevices: true, cardReader: 'virtualCard' },
    printer: { kind: 'auto', server: '', destination: '', jobTimeoutMs: 120_000 },
    paymentTerminal: {
      kind: 'simulated',
      host: '127.0.0.1',
      port: 8888,
      concertId: '000000000001',
      registerId: '01',
      answerTimeoutMs: 180_000,
      connectTimeoutMs: 5_000,
    },
    fixedPorts: [],
    retention: { auditDays: 90, consentDays: 3_650 },
    instruments: [],
    subtitles: { enabled: false, command: '', args: [], model: '' },
  };
}

/** Reads a JSON configuration file over the defaults; unknown keys and wrong types are refused. */
export function loadConfig(path: string | undefined, baseDirectory: string): Result<CabinConfig> {
  const defaults = defaultConfig(baseDirectory);
  if (path === undefined) return ok(defaults);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return err({ code: 'config.unreadable', detail: error instanceof Error ? error.message : String(error) });
  }
  return mergeConfig(defaults, parsed);
}

/** Merges untrusted overrides into a configuration, checking each value against the default's type. */
export function mergeConfig(base: CabinConfig, overrides: unknown): Result<CabinConfig> {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return err({ code: 'config.invalid', detail: 'the configuration must be a JSON object' });
  }
  const problem = findMismatch(base, overrides, '');
  if (problem !== null) return err({ code: 'config.invalid', detail: problem });
  const merged = deepMerge(base, overrides) as CabinConfig;
  if (merged.hardware !== 'simulated' && merged.hardware !== 'real') {
    return err({ code: 'config.invalid', detail: 'hardware must be "simulated" or "real"' });
  }
  const staff = checkStaff(merged.staff);
  if (staff !== null) return err({ code: 'config.invalid', detail: staff });
  if (merged.simulation.cardReader !== 'virtualCard' && merged.simulation.cardReader !== 'domain') {
    return err({ code: 'config.invalid', detail: 'simulation.cardReader must be "virtualCard" or "domain"' });
  }
  const printer = checkPrinter(merged.printer);
  if (printer !== null) return err({ code: 'config.invalid', detail: printer });
  const terminal = checkPaymentTerminal(merged.paymentTerminal);
  if (terminal !== null) return err({ code: 'config.invalid', detail: terminal });
  const isFixedPort = (p: unknown): boolean =>
    typeof p === 'object' &&
    p !== null &&
    typeof (p as { modelId?: unknown }).modelId === 'string' &&
    typeof (p as { path?: unknown }).path === 'string';
  if (!merged.fixedPorts.every(isFixedPort)) {
    return err({
      code: 'config.invalid',
      detail: 'fixedPorts must list { "modelId": "...", "path": "/dev/..." }',
    });
  }
  if (merged.port < 0 || merged.port > 65535 || !Number.isInteger(merged.port)) {
    return err({ code: 'config.invalid', detail: 'port must be an integer from 0 to 65535' });
  }
  for (const delay of ['stillThereGraceMs', 'goodbyeMs'] as const) {
    if (!(merged.delays[delay] >= MIN_WARNING_MS)) {
      return err({
        code: 'config.invalid',
        detail: `delays.${delay} must be at least ${MIN_WARNING_MS} ms: the patient is warned that long before`,
      });
    }
  }
  const { maxWaitMs } = merged.cleaning;
  if (!Number.isInteger(maxWaitMs) || maxWaitMs < 0 || maxWaitMs > MAX_CLEANING_WAIT_MS) {
    return err({
      code: 'config.invalid',
      detail: `cleaning.maxWaitMs must be a whole number of ms from 0 to ${MAX_CLEANING_WAIT_MS}`,
    });
  }
  for (const profession of PROFESSIONS) {
    const { feeCents, reimbursedPercent, deductionCents } = merged.tariffs[profession];
    const cents = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 100_000;
    if (!cents(feeCents) || !cents(deductionCents) || !(reimbursedPercent >= 0 && reimbursedPercent <= 100)) {
      return err({
        code: 'config.invalid',
        detail: `tariffs.${profession}: whole cents for feeCents and deductionCents, a percent from 0 to 100`,
      });
    }
  }
  if (!THIRD_PARTY_PAYMENT_POLICIES.includes(merged.thirdPartyPayment)) {
    return err({
      code: 'config.invalid',
      detail: 'thirdPartyPayment must be "legalCases", "complementaryPartDue" or "nothingDue"',
    });
  }
  for (const key of ['auditDays', 'consentDays'] as const) {
    const days = merged.retention[key];
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      return err({
        code: 'config.invalid',
        detail: `retention.${key} must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`,
      });
    }
  }
  const instruments = checkInstruments(merged.instruments);
  if (instruments !== null) return err({ code: 'config.invalid', detail: instruments });
  const subtitles = checkSubtitles(merged.subtitles);
  if (subtitles !== null) return err({ code: 'config.invalid', detail: subtitles });
  const page = checkAttendantPage(merged);
  if (page !== null) return err({ code: 'config.invalid', detail: page });
  return checkPlatform(merged);
}

/** Whether the configuration carries the staff's PIN hashes (else the store's, or the demonstration's). */
export function hasStaffPinHashes(config: Pick<CabinConfig, 'staff'>): boolean {
  return config.staff.attendantPinHash !== '' && config.staff.technicianPinHash !== '';
}

// The attendant page: a port, an IP address to listen on, and PINs of the cabin's own once on the network.
function checkAttendantPage(config: CabinConfig): string | null {
  const { enabled, host, port } = config.attendantPage;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return 'attendantPage.port must be an integer from 0 to 65535';
  }
  if (isIP(host) === 0) return 'attendantPage.host must be an IP address (0.0.0.0 for every network)';
  const loopback = host === '::1' || host.startsWith('127.');
  if (enabled && !loopback && config.hardware === 'simulated' && !hasStaffPinHashes(config)) {
    return 'attendantPage on the network needs staff PIN hashes of your own (the demonstration PINs are public)';
  }
  return null;
}

function findMismatch(base: unknown, value: unknown, path: string): string | null {
  const name = path === '' ? 'value' : path;
  if (Array.isArray(base)) return Array.isArray(value) ? null : `${name} must be a list`;
  if (typeof base !== 'object' || base === null) {
    return typeof value === typeof base ? null : `${name} must be a ${typeof base}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${name} must be an object`;
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(base, key)) return `unknown setting ${innerPath}`;
    const problem = findMismatch((base as Record<string, unknown>)[key], inner, innerPath);
    if (problem !== null) return problem;
  }
  return null;
}

function deepMerge(base: unknown, value: unknown): unknown {
  if (typeof base !== 'object' || base === null || typeof value !== 'object' || value === null) return value;
  // A list replaces the default's whole (spread into an object, it would stop being a list).
  if (Array.isArray(value)) return value;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, inner] of Object.entries(value)) result[key] = deepMerge(result[key], inner);
  return result;
}

// The platform settings: a known kind, a TLS URL and a credential for a remote platform (the
// credential may come from CABINE_PLATFORM_CREDENTIAL so that it stays out of the file).
function checkPlatform(config: CabinConfig): Result<CabinConfig> {
  const { platform } = config;
  if (!['local', 'remote', 'simulated'].includes(platform.kind)) {
    return err({ code: 'config.invalid', detail: 'platform.kind must be "local", "remote" or "simulated"' });
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(platform.cabinId)) {
    return err({ code: 'config.invalid', detail: 'platform.cabinId: 1 to 64 letters, digits, - or _' });
  }
  if (!Number.isInteger(platform.localPort) || platform.localPort < 0 || platform.localPort > 65535) {
    return err({ code: 'config.invalid', detail: 'platform.localPort must be an integer from 0 to 65535' });
  }
  if (platform.kind !== 'remote') return ok(config);
  const credential = platform.credential || (process.env.CABINE_PLATFORM_CREDENTIAL ?? '');
  if (credential === '') {
    return err({
      code: 'config.invalid',
      detail: 'a remote platform needs platform.credential or CABINE_PLATFORM_CREDENTIAL',
    });
  }
  if (!platform.url.startsWith('https://') && !platform.url.startsWith('wss://')) {
    return err({
      code: 'config.invalid',
      detail: 'platform.url must be https:// (TLS) for a remote platform',
    });
  }
  return ok({ ...config, platform: { ...platform, credential } });
}

/** The environment variables by which `npm start` hands a local platform's address to the cabin process. */
export const LOCAL_PLATFORM_ENV = {
  url: 'CABINE_LOCAL_PLATFORM_URL',
  credential: 'CABINE_LOCAL_PLATFORM_CREDENTIAL',
} as const;

/** A `local` platform configuration completed with the address and credential of the running platform. */
export function withLocalPlatform(config: CabinConfig, url: string, credential: string): CabinConfig {
  if (config.platform.kind !== 'local') return config;
  return { ...config, platform: { ...config.platform, url, credential } };
}

/** Set to `1` by `npm start` without a configuration file: the Electron shell then opens the demo attendant page too. */
export const DEMO_ATTENDANT_PAGE_ENV = 'CABINE_DEMO_ATTENDANT_PAGE';

/** The demonstration's configuration (`npm start` without a file): the attendant page on this machine only. */
export function withDemoAttendantPage(config: CabinConfig): CabinConfig {
  return { ...config, attendantPage: { ...config.attendantPage, enabled: true, host: '127.0.0.1' } };
}
