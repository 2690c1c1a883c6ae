// Ordonnance rendering benchmark: the platform's time from a composed ordonnance (five lines, accented
// names) to its PDF bytes, QR code included, in DejaVu Sans. Median of warm runs, and the first (cold)
// run apart: the font is parsed and subset on each document.
import { performance } from 'node:perf_hooks';
import { DEMO_PRACTITIONERS } from '../../platform/server/demo-accounts';
import { fontFallback, loadDocumentFonts, renderDocumentPdf } from '../../platform/server/document-pdf';

const RUNS = 30;

/** Runs the ordonnance rendering benchmark and answers the line to print. */
export async function benchmarkOrdonnancePdf(): Promise<string[]> {
  const fonts = loadDocumentFonts();
  const line = { item: 'Amoxicilline 1 g', dosage: '1 comprimé matin et soir', duration: 'pendant 7 jours' };
  const input = {
    professional: DEMO_PRACTITIONERS[0].professional,
    patient: {
      surname: 'Lefèvre',
      firstName: 'Anaïs',
      birthDate: '1984-02-29',
      nir: null,
      source: 'card' as const,
    },
    writtenAt: Date.UTC(2026, 11, 5, 9, 30),
    document: { kind: 'prescription' as const, lines: Array.from({ length: 5 }, () => line) },
    prescriptionId: 'TEST-ORDO-2026-000123',
  };
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const begin = performance.now();
    bytes = (await renderDocumentPdf(input, fonts)).length;
    times.push(performance.now() - begin);
  }
  const [cold = Number.NaN, ...warm] = times;
  const sorted = [...warm].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const font = fontFallback(fonts) ? 'Helvetica fallback' : 'DejaVu Sans';
  return [
    `ordonnance PDF rendering (platform, 5 lines + QR, ${font}): median ${median.toFixed(1)} ms over ${warm.length} runs, first ${cold.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`,
  ];
}
