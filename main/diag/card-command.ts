// `npm run diag -- card [--wait-ms <n>]`: waits up to 10 s for a card in the first PC/SC reader and
// prints one JSON line: reader, ATR (hex), card class, beneficiaries. This is the technician's own screen:
// the line goes to stdout and nowhere else, never to the operation log. Faults go to stderr, exit non-zero.
import { after, systemClock } from '../../contract';
import { classifyAtr, toHex } from '../../devices/vitale/atr';
import { PublicLayoutVitaleReader } from '../../devices/vitale/public-layout-vitale-reader';
import type { PcscContext } from '../../drivers/pcsc/pcsc-context';
import { PcscliteContext } from '../../drivers/pcsc/pcsclite-context';
import type { DiagCommand } from './diag-command';

const CARD_WAIT_MS = 10_000;
// The binding lists readers from its own thread just after the context opens.
const READER_WAIT_MS = 1_000;

/** Exit codes of the card command, so that a script can tell the faults apart. */
export const CARD_EXIT = { ok: 0, usage: 2, noPcscd: 3, noReader: 4, noCard: 5, readFailed: 6 } as const;

/** The `card` diagnostic command. */
export const cardCommand: DiagCommand = {
  usage:
    'card [--wait-ms <n>]   wait for a card in the first reader, print reader, ATR, class, beneficiaries',
  async run(args) {
    const waitFlag = args.indexOf('--wait-ms');
    const waitMs = waitFlag === -1 ? CARD_WAIT_MS : Number(args[waitFlag + 1]);
    if (!Number.isFinite(waitMs) || waitMs < 0) {
      process.stderr.write('card: --wait-ms takes a number of milliseconds\n');
      return CARD_EXIT.usage;
    }
    const context = new PcscliteContext(systemClock, { retryMs: [60_000] });
    try {
      return await runCard(context, waitMs);
    } finally {
      context.close();
    }
  },
};

async function runCard(context: PcscContext, waitMs: number): Promise<number> {
  if (!context.snapshot().available) {
    process.stderr.write('card: pcscd is not running (no PC/SC service). Start it: systemctl start pcscd\n');
    return CARD_EXIT.noPcscd;
  }
  const reader = await waitFor(context, READER_WAIT_MS, () => context.snapshot().readers[0]?.name);
  if (reader === undefined) {
    process.stderr.write(
      'card: no card reader found. Check the reader is plugged in (pcsc_scan lists them)\n',
    );
    return CARD_EXIT.noReader;
  }
  const card = await waitFor(
    context,
    waitMs,
    () => context.snapshot().readers.find((r) => r.name === reader)?.card ?? undefined,
  );
  if (card === undefined) {
    const lost = !context.snapshot().available ? ' (pcscd stopped meanwhile)' : '';
    process.stderr.write(`card: no card in "${reader}" after ${Math.round(waitMs / 1000)} s${lost}\n`);
    return CARD_EXIT.noCard;
  }
  const cardClass = classifyAtr(card.atr);
  if (cardClass === 'mute') {
    process.stderr.write(
      `card: the card in "${reader}" gives no ATR: upside down, dirty, or not a chip card\n`,
    );
    return CARD_EXIT.readFailed;
  }
  const line = {
    reader,
    atr: toHex(card.atr),
    cardClass,
    validFrom: null as string | null,
    beneficiaries: [] as unknown[],
    apdus: 0,
  };
  if (cardClass === 'vitale2') {
    const channel = await context.connect(reader, { exclusive: true });
    if (!channel.ok) {
      process.stderr.write(`card: cannot connect to the card (${channel.error.code})\n`);
      return CARD_EXIT.readFailed;
    }
    const read = await new PublicLayoutVitaleReader().readBeneficiaries(channel.value);
    line.apdus = channel.value.usage().exchanges;
    await channel.value.disconnect();
    if (!read.ok) {
      process.stderr.write(
        `card: the card could not be read (${read.error.code}${read.error.detail === undefined ? '' : `, ${read.error.detail}`})\n`,
      );
      return CARD_EXIT.readFailed;
    }
    line.validFrom = read.value.validFrom;
    line.beneficiaries = read.value.beneficiaries.map((b) => ({
      ...b.identity,
      nationality: b.nationality,
      warnings: b.warnings,
    }));
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return CARD_EXIT.ok;
}

// Resolves with the first defined answer of `probe`, checked now and at each PC/SC event, or undefined.
function waitFor<T>(context: PcscContext, ms: number, probe: () => T | undefined): Promise<T | undefined> {
  const now = probe();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const cancelTimer = after(systemClock, ms, () => {
      unsubscribe();
      resolve(undefined);
    });
    const unsubscribe = context.subscribe(() => {
      const value = probe();
      if (value === undefined) return;
      cancelTimer();
      unsubscribe();
      resolve(value);
    });
  });
}
