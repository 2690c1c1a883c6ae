// What the accessibility e2e test checks on a screen in Chromium: axe-core's rules, injected from its
// npm package, and the size of every control a patient can touch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import type { Page } from 'playwright-core';

/** The display modes a patient can choose on the welcome screen, as the `.app` classes they set. */
export const DISPLAY_MODES = [
  { name: 'normal', classes: [] },
  { name: 'large-text', classes: ['large-text'] },
  { name: 'high-contrast', classes: ['high-contrast'] },
] as const;

/** One display mode of `DISPLAY_MODES`. */
export type DisplayMode = (typeof DISPLAY_MODES)[number];

/** The smallest touch target the cabin accepts, in CSS pixels (WCAG 2.5.5, Apple's and Android's 44). */
export const MIN_TARGET_PX = 44;

/** The impacts that fail the test; `moderate` and `minor` are only counted. */
export const FAILING_IMPACTS = ['serious', 'critical'] as const;

/** One axe violation as the test reports it: rule, impact, and where (CSS selectors), never the text. */
export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/** What axe said of one screen in one mode, and the controls smaller than `MIN_TARGET_PX`. */
export interface ScreenAudit {
  readonly violations: readonly AxeFinding[];
  /** Number of violated rules' nodes per impact (`critical`, `serious`, `moderate`, `minor`). */
  readonly counts: Readonly<Record<string, number>>;
  readonly passes: number;
  readonly smallTargets: readonly string[];
}

let axeSource: string | null = null;

/** axe-core's minified source, read once from the installed package. */
function axeMinified(): string {
  if (axeSource === null) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Run in the page: every visible control (buttons, links, fields, toggles) whose box is smaller than the
 * minimum, as `test-id WxH`. A string, since this file is compiled without the DOM's types.
 */
const SMALL_TARGETS = `(min) => [...document.querySelectorAll(
  'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="switch"], [role="checkbox"], [role="radio"], [role="tab"]'
)].filter((element) => {
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  return box.width < min - 0.5 || box.height < min - 0.5;
}).map((element) => {
  const box = element.getBoundingClientRect();
  const name = element.dataset.testid ?? element.getAttribute('aria-label') ?? element.tagName.toLowerCase();
  return name + ' ' + Math.round(box.width) + 'x' + Math.round(box.height);
})`;

/** Runs in the page: applies a mode's classes to `.app` (removing the others) and says the old classes. */
const SET_MODE = `([all, wanted]) => {
  const app = document.querySelector('.app');
  if (!app) return null;
  const before = app.className;
  for (const name of all) app.classList.remove(name);
  for (const name of wanted) app.classList.add(name);
  return before;
}`;

/**
 * Checks the screen shown in one display mode: injects axe-core once per page (and again after a
 * reload), sets the mode's classes
 * on `.app`, runs every rule (plus `color-contrast-enhanced`, 7:1, in high contrast), measures the
 * controls, then gives the page its own classes back.
 */
export async function auditScreen(page: Page, mode: DisplayMode): Promise<ScreenAudit> {
  const injected = await page.evaluate('typeof window.axe !== "undefined"');
  // The page's CSP (script-src 'self') refuses an inline <script>, so axe's source is evaluated
  // through the DevTools protocol instead, which the page's policy does not govern.
  if (injected !== true) await page.evaluate(axeMinified());
  const allClasses = ['large-text', 'high-contrast'];
  const before = await page.evaluate<string | null>(
    `(${SET_MODE})(${JSON.stringify([allClasses, mode.classes])})`,
  );
  try {
    // Let the layout settle in the new mode (fonts and sizes are em-based).
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    const options = { rules: { 'color-contrast-enhanced': { enabled: mode.name === 'high-contrast' } } };
    const result = await page.evaluate<{
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
      passes: unknown[];
    }>(
      `axe.run(document, ${JSON.stringify(options)}).then((r) => ({
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target })) })),
        passes: r.passes.map((p) => p.id),
      }))`,
    );
    const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    const violations = result.violations.map((violation) => {
      const impact = violation.impact ?? 'minor';
      counts[impact] = (counts[impact] ?? 0) + violation.nodes.length;
      return {
        rule: violation.id,
        impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
      };
    });
    const smallTargets = await page.evaluate<string[]>(`(${SMALL_TARGETS})(${MIN_TARGET_PX})`);
    return { violations, counts, passes: result.passes.length, smallTargets };
  } finally {
    if (before !== null) {
      await page.evaluate(
        `(() => { const app = document.querySelector('.app'); if (app) app.className = ${JSON.stringify(before)}; })()`,
      );
    }
  }
}
