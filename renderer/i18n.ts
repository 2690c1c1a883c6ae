// String tables and the few formats the patient screens need (money, percent, dates, numbers).
import type { Locale } from '../contract/domain';
import { ar } from '../assets/strings/ar';
import { en } from '../assets/strings/en';
import { es } from '../assets/strings/es';
import { fr, type FailureCode, type Strings } from '../assets/strings/fr';
import { pt } from '../assets/strings/pt';
import { tr } from '../assets/strings/tr';

export type { Strings } from '../assets/strings/fr';

const TABLES: { readonly [L in Locale]: Strings } = { fr, en, ar, es, pt, tr };

/** Answers the string table of a locale. */
export function t(locale: Locale): Strings {
  return TABLES[locale];
}

/** Replaces each `{name}` of a template by its value; an unknown placeholder is left as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Formats euro cents the locale's way: fr "25,00 €", en "€25.00". */
export function formatMoney(cents: number, locale: Locale): string {
  const strings = t(locale);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(Math.round(cents));
  const euros = Math.floor(absolute / 100);
  const rest = String(absolute % 100).padStart(2, '0');
  return sign + fill(strings.meta.money, { amount: `${euros}${strings.meta.decimalSeparator}${rest}` });
}

/** Formats a whole percentage: fr "70 %", en "70%". */
export function formatPercent(percent: number, locale: Locale): string {
  return fill(t(locale).meta.percent, { percent: formatNumber(percent, locale) });
}

/** Formats a measured value with at most one decimal and the locale's decimal separator. */
export function formatNumber(value: number, locale: Locale): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded).replace('.', t(locale).meta.decimalSeparator);
}

/**
 * Formats an ISO date (YYYY-MM-DD) by the locale's template: fr "12/03/1950", en "12 March 1950", es "12 de
 * marzo de 1950"; anything else is shown as given.
 */
export function formatDate(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year = '', month = '', day = ''] = match;
  const strings = t(locale);
  const monthName = strings.meta.months[Number(month) - 1] ?? month;
  return fill(strings.meta.date, { day, month, year, monthName, dayNumber: Number(day) });
}

/** Answers the plain message of a failure code, or the generic message for an unknown or missing code. */
export function failureMessage(strings: Strings, code: string | null): string {
  if (code !== null && Object.hasOwn(strings.failures, code)) return strings.failures[code as FailureCode];
  return strings.genericFailure;
}
