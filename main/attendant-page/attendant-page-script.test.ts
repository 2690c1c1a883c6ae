// @vitest-environment jsdom
// The attendant page as the pharmacist sees it on the counter's phone, its script run in jsdom against a
// hand-played server: the code asked first, a wrong code and a lock said plainly, then the help call
// with since when and who was told, and "J'arrive".
import { describe, expect, it } from 'vitest';
import { ATTENDANT_PAGE_JS, attendantPageHtml } from './attendant-page-assets';
import type { AttendantPageState } from './attendant-page-state';

const SINCE = Date.UTC(2026, 0, 12, 9, 5, 0);

const QUIET: AttendantPageState = {
  phase: 'inSession',
  peripherals: [
    { peripheral: 'cardReader', state: 'ok' },
    { peripheral: 'printer', state: 'faulty' },
    { peripheral: 'weight', state: 'faulty', reason: 'calibration.overdue', dueAt: SINCE - 86_400_000 },
    { peripheral: 'temperature', state: 'ok', notice: 'calibrationDueSoon', dueAt: Date.UTC(2026, 1, 3, 12) },
  ],
  needsCleaning: false,
  help: null,
  payments: [],
};

const CALLING: AttendantPageState = {
  ...QUIET,
  help: { since: SINCE, step: 'measurements', told: ['attendant', 'support'], platform: 'told' },
};

type Answer = { ok: true; value: AttendantPageState } | { ok: false; error: Record<string, unknown> };

// The few DOM shapes the test reads (main/ is type-checked without the DOM library).
interface PageElement {
  readonly textContent: string | null;
  readonly hidden: boolean;
  readonly parentElement: PageElement | null;
  value: string;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}

interface PageGlobals {
  readonly document: {
    readonly documentElement: { innerHTML: string; lang: string };
    querySelector(selector: string): PageElement | null;
  };
  readonly Event: new (type: string, init: { cancelable: boolean }) => unknown;
  fetch: unknown;
}

const page$ = globalThis as unknown as PageGlobals;

/** The page in jsdom; `answers` says what the server answers to each API path, in turn. */
function openPage(answers: Record<string, Answer[]>) {
  const html = attendantPageHtml('fr');
  page$.document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)?.[1] ?? '';
  page$.document.documentElement.lang = 'fr';
  const posted: { path: string; body: unknown }[] = [];
  page$.fetch = (path: string, init?: { body?: string }) => {
    if (init?.body !== undefined) posted.push({ path, body: JSON.parse(init.body) as unknown });
    const answer = answers[path]?.shift();
    if (answer === undefined) return Promise.reject(new Error(`no answer for ${path}`));
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(answer) });
  };
  // The page's script as the browser runs it: in the global scope, once the document is there.
  (0, eval)(ATTENDANT_PAGE_JS);
  const byTestId = (id: string): PageElement => {
    const element = page$.document.querySelector(`[data-testid="${id}"]`);
    if (element === null) throw new Error(`no ${id}`);
    return element;
  };
  const visible = (id: string): boolean => {
    for (let element: PageElement | null = byTestId(id); element !== null; element = element.parentElement) {
      if (element.hidden) return false;
    }
    return true;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const logIn = async (code: string) => {
    byTestId('attendant-page-code').value = code;
    byTestId('attendant-page-login-form').dispatchEvent(new page$.Event('submit', { cancelable: true }));
    await settle();
  };
  return { byTestId, visible, settle, logIn, posted };
}

describe('the attendant page on the counter’s phone', () => {
  it('asks for the code, says a wrong code and a lock plainly, then shows the cabin', async () => {
    const page = openPage({
      '/api/state': [{ ok: false, error: { code: 'attendant.loginNeeded' } }],
      '/api/login': [
        { ok: false, error: { code: 'attendant.badCode' } },
        { ok: false, error: { code: 'attendant.locked', retryAfterSeconds: 90 } },
        { ok: true, value: QUIET },
      ],
    });
    await page.settle();
    expect(page.visible('attendant-page-code')).toBe(true);
    expect(page.visible('attendant-page-phase')).toBe(false);
    await page.logIn('1111');
    expect(page.byTestId('attendant-page-login-error').textContent).toBe('Code incorrect.');
    await page.logIn('2222');
    expect(page.byTestId('attendant-page-login-error').textContent).toBe(
      'Trop de codes incorrects. Réessayez dans 2 minutes.',
    );
    await page.logIn('2468');
    expect(page.posted.map(({ body }) => body)).toEqual([
      { code: '1111' },
      { code: '2222' },
      { code: '2468' },
    ]);
    expect(page.visible('attendant-page-code')).toBe(false);
    expect(page.byTestId('attendant-page-phase').textContent).toBe('Séance en cours');
    expect(page.byTestId('attendant-page-peripheral-printer').textContent).toBe('Imprimante\u00a0: En panne');
    // A device out of the journey says why, one due soon says when.
    expect(page.byTestId('attendant-page-peripheral-weight').textContent).toMatch(/^Balance\u00a0: .+ · .+/);
    expect(page.byTestId('attendant-page-peripheral-temperature').textContent).toContain('03/02/2026');
    expect(page.visible('attendant-page-no-help')).toBe(true);
    expect(page.visible('attendant-page-help')).toBe(false);
  });

  it('shows the help call, since when and who was told, and "J\'arrive" answers it', async () => {
    const page = openPage({
      '/api/state': [{ ok: true, value: CALLING }],
      '/api/acknowledge': [{ ok: true, value: QUIET }],
    });
    await page.settle();
    expect(page.visible('attendant-page-help')).toBe(true);
    expect(page.byTestId('attendant-page-help-since').textContent).toMatch(/^Depuis \d\d:\d\d$/);
    expect(page.byTestId('attendant-page-help-step').textContent).toMatch(/^Étape\u00a0: \S/);
    expect(page.byTestId('attendant-page-help-told').textContent).toBe(
      "Prévenus\u00a0: l'accueil, le service d'assistance",
    );
    expect(page.visible('attendant-page-platform-unreachable')).toBe(false);
    page.byTestId('attendant-page-acknowledge').click();
    await page.settle();
    expect(page.posted).toEqual([{ path: '/api/acknowledge', body: {} }]);
    expect(page.visible('attendant-page-help')).toBe(false);
    expect(page.visible('attendant-page-no-help')).toBe(true);
  });

  it('says when only the counter knows, the platform being unreachable', async () => {
    const page = openPage({
      '/api/state': [
        {
          ok: true,
          value: {
            ...CALLING,
            help: { since: SINCE, step: null, told: ['attendant'], platform: 'unreachable' },
          },
        },
      ],
    });
    await page.settle();
    expect(page.byTestId('attendant-page-help-told').textContent).toBe("Prévenus\u00a0: l'accueil");
    expect(page.visible('attendant-page-platform-unreachable')).toBe(true);
  });

  it('lists the payments waiting for a decision, amount and time, and sends "Payé" or "Pas payé"', async () => {
    const waiting: AttendantPageState = {
      ...QUIET,
      payments: [
        { transactionId: 'ab12', amountCents: 2500, reason: 'unknown', since: SINCE },
        { transactionId: 'cd34', amountCents: 750, reason: 'counter', since: SINCE },
      ],
    };
    const page = openPage({
      '/api/state': [{ ok: true, value: waiting }],
      '/api/payment': [{ ok: true, value: { ...waiting, payments: waiting.payments.slice(1) } }],
    });
    await page.settle();
    expect(page.visible('attendant-page-no-payments')).toBe(false);
    const list = page.byTestId('attendant-page-payments').textContent ?? '';
    expect(list).toContain('vérifiez le journal du terminal de paiement');
    expect(list).toContain("Le patient paie à l'accueil");
    expect(list).toMatch(/25,00\s€/);
    expect(list).toMatch(/7,50\s€/);
    page.byTestId('attendant-page-payment-not-paid-ab12').click();
    await page.settle();
    expect(page.posted).toEqual([{ path: '/api/payment', body: { transactionId: 'ab12', paid: false } }]);
    expect(page.byTestId('attendant-page-payments').textContent).not.toContain('journal');
  });
});
