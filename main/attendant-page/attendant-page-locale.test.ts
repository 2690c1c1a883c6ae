// The attendant page speaks the language the counter's browser puts first, among the cabin's languages.
import { describe, expect, it } from 'vitest';
import { ar } from '../../assets/strings/ar';
import { attendantPageHtml, pageLocale } from './attendant-page-assets';

describe("the attendant page's language", () => {
  it.each([
    ['fr-FR,fr;q=0.9', 'fr'],
    ['en-GB,en;q=0.8', 'en'],
    ['ar,fr;q=0.8', 'ar'],
    ['es-ES', 'es'],
    ['pt-PT', 'pt'],
    ['tr', 'tr'],
    ['de-DE,en;q=0.5', 'fr'],
    [undefined, 'fr'],
  ] as const)('is chosen from "%s" as %s', (header, locale) => {
    expect(pageLocale(header)).toBe(locale);
  });

  it('is written right to left in Arabic', () => {
    const html = attendantPageHtml('ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(ar.attendantPage.title);
  });
});
