// `npm run diag -- terminal` and `npm run diag -- pay --amount <euros>`: the technician's view of the
// Caisse-AP card terminal the configuration names (or `--host`/`--port`). `terminal` connects and prints
// one JSON line (reachable, the protocol version the cabin speaks: the public protocol has no question
// that asks the terminal's own without a transaction); `pay` makes a real test transaction and prints its
// answer as one JSON line, never a card number, and ends within the configuration's answer time.
import { resolve } from 'node:path';
import { systemClock } from '../../contract';
import { CAISSE_AP_VERSION, CaisseApPaymentTerminal } from '../../devices/caisse-ap';
import { openTcpLink } from '../../drivers/tcp/tcp-link';
import { loadConfig, type CabinConfig } from '../config';
import { caisseApSettings } from '../payment-terminal-for-config';
import type { DiagCommand } from './diag-command';
import { optionValue } from './device-commands';

/**
 * Exit codes of `terminal` and `pay`: 0 reachable or approved; 1 refused by the terminal (declined,
 * cancelled on it, card removed: no money moved); 2 usage; 3 unreachable (nothing sent); 4 no answer in
 * time or the connection lost after sending (check the terminal's journal); 5 a garbled answer (same).
 */
export const PAYMENT_EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3, noAnswer: 4, garbled: 5 } as const;

/** The largest test amount, in euros: a technician's test is small; more is a typo. */
const MAX_TEST_EUROS = 10_000;

/** Where the project keeps its data without `--config` (as `npm start` does). */
const DEFAULT_BASE = resolve(import.meta.dirname, '../../.cabine');

/** Parses `--amount` in euros (`12`, `12.5`, `12,50`) into cents; null when it is not a test amount. */
export function parseEuros(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9]{1,5}([.,][0-9]{1,2})?$/.test(text)) return null;
  const [units = '0', decimals = ''] = text.split(/[.,]/);
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return cents > 0 && cents <= MAX_TEST_EUROS * 100 ? cents : null;
}

/** Parses `--port`: 1 to 65535, or null. */
export function parsePort(text: string): number | null {
  if (!/^[0-9]{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** The configuration's terminal with `--host`/`--port` over it; a usage message when something is wrong. */
function terminalSettings(args: readonly string[], command: string) {
  const config = loadConfig(optionValue(args, '--config'), DEFAULT_BASE);
  if (!config.ok) return usage(command, `${config.error.code}: ${config.error.detail ?? ''}`);
  const host = optionValue(args, '--host');
  const portText = optionValue(args, '--port');
  if (args.includes('--host') && (host === undefined || host === ''))
    return usage(command, '--host needs an address');
  const port = portText === undefined ? undefined : parsePort(portText);
  if (args.includes('--port') && (port === undefined || port === null))
    return usage(command, `--port must be a whole number from 1 to 65535 (got "${portText ?? ''}")`);
  return {
    ok: true as const,
    config: config.value,
    settings: caisseApSettings(config.value, { ...(host ? { host } : {}), ...(port ? { port } : {}) }),
  };
}

function usage(command: string, problem: string): { ok: false } {
  process.stderr.write(`${command}: ${problem}\n`);
  return { ok: false };
}

/** The `terminal` diagnostic command. */
export const terminalCommand: DiagCommand = {
  usage: 'terminal [--host <address>] [--port <n>] [--config <file>]   is the card terminal reachable (JSON)',
  async run(args) {
    const target = terminalSettings(args, 'terminal');
    if (!target.ok) return PAYMENT_EXIT.usage;
    const { host, port, connectTimeoutMs } = target.settings;
    const startedAt = performance.now();
    const link = await openTcpLink({ host, port }, systemClock, connectTimeoutMs);
    const connectMs = Math.round(performance.now() - startedAt);
    if (link.ok) await link.value.close();
    process.stdout.write(
      `${JSON.stringify({
        host,
        port,
        reachable: link.ok,
        ...(link.ok ? { connectMs } : { code: link.error.code }),
        protocol: 'caisseAp',
        protocolVersion: CAISSE_AP_VERSION,
      })}\n`,
    );
    return link.ok ? PAYMENT_EXIT.ok : PAYMENT_EXIT.unreachable;
  },
};

/** The exit code of a payment's failure code. */
function exitOf(code: string): number {
  switch (code) {
    case 'payment.unreachable':
      return PAYMENT_EXIT.unreachable;
    case 'payment.timeout':
    case 'payment.answerLost':
      return PAYMENT_EXIT.noAnswer;
    case 'payment.garbled':
      return PAYMENT_EXIT.garbled;
    default:
      return PAYMENT_EXIT.refused;
  }
}

/** The `pay` diagnostic command. */
export const payCommand: DiagCommand = {
  usage:
    'pay --amount <euros> [--host <address>] [--port <n>] [--config <file>]   a test card payment, its answer as JSON',
  async run(args) {
    const amountText = optionValue(args, '--amount');
    const amountCents = parseEuros(amountText);
    if (amountCents === null) {
      process.stderr.write(
        `pay: --amount must be euros from 0.01 to ${MAX_TEST_EUROS}, like 12.50 (got "${amountText ?? ''}")\n`,
      );
      return PAYMENT_EXIT.usage;
    }
    const target = terminalSettings(args, 'pay');
    if (!target.ok) return PAYMENT_EXIT.usage;
    return pay(target.config, target.settings, amountCents);
  },
};

async function pay(
  config: CabinConfig,
  settings: ReturnType<typeof caisseApSettings>,
  amountCents: number,
): Promise<number> {
  const terminal = new CaisseApPaymentTerminal(settings, systemClock);
  const transactionId = `DIAG${Date.now().toString(36).toUpperCase()}`.slice(0, 16);
  process.stderr.write(
    `pay: ${(amountCents / 100).toFixed(2)} EUR on ${settings.host}:${settings.port}; the card goes in the terminal now (${config.paymentTerminal.answerTimeoutMs / 1000} s at most)\n`,
  );
  const startedAt = performance.now();
  const paid = await terminal.pay({ transactionId, amountCents }, new AbortController().signal);
  const ms = Math.round(performance.now() - startedAt);
  const common = { host: settings.host, port: settings.port, transactionId, amountCents, ms };
  if (paid.ok) {
    // Only what PaymentApproval holds: the card type and the authorisation, never a card number.
    const { cardType, authorisation } = paid.value;
    process.stdout.write(`${JSON.stringify({ ...common, outcome: 'approved', cardType, authorisation })}\n`);
    return PAYMENT_EXIT.ok;
  }
  const { code, detail } = paid.error;
  process.stdout.write(`${JSON.stringify({ ...common, outcome: code, ...(detail ? { detail } : {}) })}\n`);
  return exitOf(code);
}
