// The configuration a technician writes: good overrides merge, mistakes are refused with the setting named.
import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from './config';
import { hashPin } from './staff/pin-hash';

const base = defaultConfig('/srv/cabine');

/** A cheap scrypt cost: the format is the point here, not the strength. */
const CHEAP = { N: 1_024, r: 8, p: 1 };

describe('cabin configuration', () => {
  it('defaults to simulated hardware with data and logs under the base folder', () => {
    expect(base).toMatchObject({
      hardware: 'simulated',
      dataDirectory: '/srv/cabine/data',
      logDirectory: '/srv/cabine/logs',
    });
  });

  it('merges a partial override and keeps the other defaults', () => {
    const merged = mergeConfig(base, { delays: { inactivityMs: 120_000 }, port: 8080 });
    expect(merged.ok && merged.value.delays).toEqual({
      inactivityMs: 120_000,
      stillThereGraceMs: 30_000,
      goodbyeMs: 45_000,
      reconnectWindowMs: 20_000,
      audioOnlyWindowMs: 20_000,
    });
    expect(merged.ok && merged.value.port).toBe(8080);
  });

  it('prints on the simulated printer with simulated hardware unless CUPS is asked for, and checks the job deadline', () => {
    expect(base.printer).toEqual({ kind: 'auto', server: '', destination: '', jobTimeoutMs: 120_000 });
    const cups = mergeConfig(base, {
      printer: { kind: 'cups', server: '/run/cups/cups.sock', destination: 'cabine' },
    });
    expect(cups.ok && cups.value.printer).toMatchObject({
      kind: 'cups',
      destination: 'cabine',
      jobTimeoutMs: 120_000,
    });
    expect(mergeConfig(base, { printer: { kind: 'lpr' } })).toMatchObject({
      ok: false,
      error: { detail: 'printer.kind must be "auto", "simulated" or "cups"' },
    });
    const tooShort = mergeConfig(base, { printer: { jobTimeoutMs: 10 } });
    expect(!tooShort.ok && tooShort.error.detail).toMatch(/^printer\.jobTimeoutMs must be/);
  });

  it('pays on the simulated terminal unless a Caisse-AP terminal is named, and checks its address and identifiers', () => {
    expect(base.paymentTerminal).toMatchObject({ kind: 'simulated', port: 8888, answerTimeoutMs: 180_000 });
    const shop = mergeConfig(base, {
      paymentTerminal: {
        kind: 'caisseAp',
        host: 'tpe.local',
        port: 8889,
        concertId: '012345678901',
        registerId: '02',
      },
    });
    expect(shop.ok && shop.value.paymentTerminal).toMatchObject({
      kind: 'caisseAp',
      host: 'tpe.local',
      port: 8889,
    });
    const refused = (paymentTerminal: object): string | undefined => {
      const merged = mergeConfig(base, { paymentTerminal });
      return merged.ok ? undefined : merged.error.detail;
    };
    expect(refused({ kind: 'concert' })).toMatch(/^paymentTerminal\.kind must be/);
    expect(refused({ port: 70_000 })).toMatch(/^paymentTerminal\.port must be/);
    expect(refused({ host: 'tpe local' })).toMatch(/^paymentTerminal\.host must be/);
    expect(refused({ concertId: '12' })).toMatch(/^paymentTerminal\.concertId must be 12 digits/);
    expect(refused({ registerId: '1' })).toMatch(/^paymentTerminal\.registerId must be 2 digits/);
    expect(refused({ answerTimeoutMs: 500 })).toMatch(/^paymentTerminal\.answerTimeoutMs must be/);
    expect(refused({ connectTimeoutMs: 0 })).toMatch(/^paymentTerminal\.connectTimeoutMs must be/);
  });

  it('waits three minutes at most for the cleaning between two patients unless the operator says otherwise', () => {
    expect(base.cleaning).toEqual({ maxWaitMs: 180_000 });
    const merged = mergeConfig(base, { cleaning: { maxWaitMs: 300_000 } });
    expect(merged.ok && merged.value.cleaning).toEqual({ maxWaitMs: 300_000 });
  });

  it('takes the staff PINs as hashes, both or neither, never as PINs, and closes an idle panel after 2 minutes', () => {
    expect(base.staff).toEqual({ attendantPinHash: '', technicianPinHash: '', idleMs: 120_000 });
    const attendantPinHash = hashPin('739164', CHEAP);
    const technicianPinHash = hashPin('582017', CHEAP);
    const both = mergeConfig(base, { staff: { attendantPinHash, technicianPinHash, idleMs: 60_000 } });
    expect(both.ok && both.value.staff).toEqual({ attendantPinHash, technicianPinHash, idleMs: 60_000 });
    const one = mergeConfig(base, { staff: { attendantPinHash } });
    expect(!one.ok && one.error.detail).toBe(
      'staff.attendantPinHash and staff.technicianPinHash go together: give both, or neither',
    );
    const aPin = mergeConfig(base, { staff: { attendantPinHash: '739164', technicianPinHash } });
    expect(!aPin.ok && aPin.error.detail).toMatch(
      /^staff\.attendantPinHash must be a hash from "npm run diag -- hash-pin"/,
    );
    const tooShort = mergeConfig(base, { staff: { idleMs: 1_000 } });
    expect(!tooShort.ok && tooShort.error.detail).toMatch(/^staff\.idleMs must be/);
  });

  it('keeps the attendant page off until the configuration turns it on, and on the network only with PINs of its own', () => {
    expect(base.attendantPage).toEqual({ enabled: false, host: '127.0.0.1', port: 8091 });
    const onThisMachine = mergeConfig(base, { attendantPage: { enabled: true } });
    expect(onThisMachine.ok).toBe(true);
    const withDemoPins = mergeConfig(base, { attendantPage: { enabled: true, host: '0.0.0.0' } });
    expect(!withDemoPins.ok && withDemoPins.error.detail).toBe(
      'attendantPage on the network needs staff PIN hashes of your own (the demonstration PINs are public)',
    );
    const onTheNetwork = mergeConfig(base, {
      staff: { attendantPinHash: hashPin('739164', CHEAP), technicianPinHash: hashPin('582017', CHEAP) },
      attendantPage: { enabled: true, host: '0.0.0.0' },
    });
    expect(onTheNetwork.ok && onTheNetwork.value.attendantPage.host).toBe('0.0.0.0');
    // Real hardware has no demonstration PIN: its PINs are chosen at the first start.
    const real = mergeConfig(base, { hardware: 'real', attendantPage: { enabled: true, host: '0.0.0.0' } });
    expect(real.ok).toBe(true);
    const notAnAddress = mergeConfig(base, { attendantPage: { host: 'comptoir.local' } });
    expect(!notAnAddress.ok && notAnAddress.error.detail).toBe(
      'attendantPage.host must be an IP address (0.0.0.0 for every network)',
    );
  });

  it('keeps the audit 90 days and the consent records ten years unless the operator says otherwise', () => {
    expect(base.retention).toEqual({ auditDays: 90, consentDays: 3_650 });
    const merged = mergeConfig(base, { retention: { consentDays: 1_825 } });
    expect(merged.ok && merged.value.retention).toEqual({ auditDays: 90, consentDays: 1_825 });
  });

  it("takes the operator's tariffs over today's figures, and a consent text version per language", () => {
    expect(base.tariffs.doctor).toEqual({ feeCents: 2500, reimbursedPercent: 70, deductionCents: 200 });
    expect(base.consentTextVersions).toEqual({
      fr: 'fr-2026-12b',
      en: 'en-2026-12b',
      ar: 'ar-2026-12',
      es: 'es-2026-12',
      pt: 'pt-2026-12',
      tr: 'tr-2026-12',
    });
    const merged = mergeConfig(base, { tariffs: { dentist: { feeCents: 2300 } } });
    expect(merged.ok && merged.value.tariffs.dentist).toEqual({
      feeCents: 2300,
      reimbursedPercent: 70,
      deductionCents: 0,
    });
  });

  it('offers tiers payant in the legal cases only, unless the operator says more', () => {
    expect(base.thirdPartyPayment).toBe('legalCases');
    const merged = mergeConfig(base, { thirdPartyPayment: 'complementaryPartDue' });
    expect(merged.ok && merged.value.thirdPartyPayment).toBe('complementaryPartDue');
  });

  it.each([
    [{ hardwre: 'real' }, 'unknown setting hardwre'],
    [
      { tariffs: { nurse: { reimbursedPercent: 160 } } },
      'tariffs.nurse: whole cents for feeCents and deductionCents, a percent from 0 to 100',
    ],
    [
      { tariffs: { doctor: { feeCents: 25.5 } } },
      'tariffs.doctor: whole cents for feeCents and deductionCents, a percent from 0 to 100',
    ],
    [{ port: '8080' }, 'port must be a number'],
    [{ port: 70_000 }, 'port must be an integer from 0 to 65535'],
    [{ hardware: 'magic' }, 'hardware must be "simulated" or "real"'],
    [
      { thirdPartyPayment: 'always' },
      'thirdPartyPayment must be "legalCases", "complementaryPartDue" or "nothingDue"',
    ],
    [{ delays: 5 }, 'delays must be an object'],
    [{ delays: { inactivityMs: 'soon' } }, 'delays.inactivityMs must be a number'],
    [[1, 2], 'the configuration must be a JSON object'],
    [{ platform: { kind: 'cloud' } }, 'platform.kind must be "local", "remote" or "simulated"'],
    [
      { platform: { kind: 'remote', url: 'http://platform.example', credential: 'secret' } },
      'platform.url must be https:// (TLS) for a remote platform',
    ],
    [{ platform: { cabinId: '../etc' } }, 'platform.cabinId: 1 to 64 letters, digits, - or _'],
    [{ retention: { auditDays: 0 } }, 'retention.auditDays must be a whole number of days from 1 to 36500'],
    [
      { retention: { auditDays: 30.5 } },
      'retention.auditDays must be a whole number of days from 1 to 36500',
    ],
    [
      { retention: { consentDays: 1e6 } },
      'retention.consentDays must be a whole number of days from 1 to 36500',
    ],
    [{ retention: { consentDays: '10 years' } }, 'retention.consentDays must be a number'],
    [{ cleaning: { maxWaitMs: -1 } }, 'cleaning.maxWaitMs must be a whole number of ms from 0 to 3600000'],
    [
      { delays: { stillThereGraceMs: 10_000 } },
      'delays.stillThereGraceMs must be at least 20000 ms: the patient is warned that long before',
    ],
    [
      { delays: { goodbyeMs: 5_000 } },
      'delays.goodbyeMs must be at least 20000 ms: the patient is warned that long before',
    ],
    [
      { cleaning: { maxWaitMs: 7_200_000 } },
      'cleaning.maxWaitMs must be a whole number of ms from 0 to 3600000',
    ],
  ])('refuses %j: %s', (overrides, detail) => {
    expect(mergeConfig(base, overrides)).toEqual({ ok: false, error: { code: 'config.invalid', detail } });
  });

  it("takes a remote platform's credential from the environment when the file has none", () => {
    process.env.CABINE_PLATFORM_CREDENTIAL = 'from-the-environment';
    try {
      const merged = mergeConfig(base, { platform: { kind: 'remote', url: 'https://platform.example' } });
      expect(merged.ok && merged.value.platform.credential).toBe('from-the-environment');
    } finally {
      delete process.env.CABINE_PLATFORM_CREDENTIAL;
    }
    expect(
      mergeConfig(base, { platform: { kind: 'remote', url: 'https://platform.example' } }),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe('the subtitles section', () => {
  const base = defaultConfig('/tmp/cabine');

  it('is off by default', () => {
    expect(base.subtitles.enabled).toBe(false);
  });

  it('takes an engine command, its arguments and an absolute model folder', () => {
    const merged = mergeConfig(base, {
      subtitles: {
        enabled: true,
        command: '/usr/local/bin/cabine-vosk',
        args: ['--quiet'],
        model: '/opt/vosk/vosk-model-small-fr-0.22',
      },
    });
    expect(merged.ok && merged.value.subtitles.model).toBe('/opt/vosk/vosk-model-small-fr-0.22');
  });

  it.each([
    [{ enabled: true }, 'subtitles.command'],
    [{ args: [3] }, 'subtitles.args'],
    [{ model: 'models/fr' }, 'subtitles.model'],
    [{ enabled: 'yes' }, 'subtitles.enabled'],
  ])('refuses %j', (subtitles, detail) => {
    const merged = mergeConfig(base, { subtitles });
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.error.detail).toContain(detail);
  });
});

describe('the instruments section', () => {
  const base = defaultConfig('/tmp/cabine');

  it('expects no instrument by default', () => {
    expect(base.instruments).toEqual([]);
  });

  it('takes the instruments the technician names, with a label pattern each', () => {
    const instruments = [
      { kind: 'otoscope', labelPattern: '^USB2.0 Digital Otoscope', required: true },
      { kind: 'stethoscope', labelPattern: 'USB Audio Device', required: false },
    ];
    const merged = mergeConfig(base, { instruments });
    expect(merged.ok && merged.value.instruments).toEqual(instruments);
  });

  it.each([
    [{ kind: 'thermometer', labelPattern: 'x', required: true }, 'instruments[0].kind'],
    [{ kind: 'otoscope', labelPattern: '', required: true }, 'instruments[0].labelPattern'],
    [{ kind: 'otoscope', labelPattern: '^$', required: true }, 'instruments[0].labelPattern'],
    [{ kind: 'otoscope', labelPattern: 'x'.repeat(65), required: true }, 'instruments[0].labelPattern'],
    [{ kind: 'otoscope', labelPattern: 'Cam\u202eera', required: true }, 'instruments[0].labelPattern'],
    [{ kind: 'otoscope', labelPattern: 'Cam', required: 'yes' }, 'instruments[0].required'],
    [{ kind: 'otoscope', labelPattern: 'Cam', required: true, extra: 1 }, 'instruments must list'],
    ['otoscope', 'instruments must list'],
  ])('refuses %j', (entry, detail) => {
    const merged = mergeConfig(base, { instruments: [entry] });
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.error.detail).toContain(detail);
  });

  it('refuses more than 16 instruments', () => {
    const entry = { kind: 'otoscope', labelPattern: 'Cam', required: false };
    const merged = mergeConfig(base, { instruments: Array.from({ length: 17 }, () => entry) });
    expect(merged.ok).toBe(false);
  });
});
