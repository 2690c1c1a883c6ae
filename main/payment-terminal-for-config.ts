// The payment terminal a configuration asks for: a Caisse-AP terminal on the network (`caisseAp`), or,
// with simulated hardware and byte-level devices, the Caisse-AP terminal simulator on 127.0.0.1 with the
// real protocol client talking to it (so `npm start` speaks the real protocol), steered by the
// simulation script's `payment`; else the domain-level simulated terminal. Only codes reach the log.
import { err, type Clock } from '../contract';
import { openTcpLink } from '../drivers/tcp/tcp-link';
import {
  CaisseApPaymentTerminal,
  CaisseApSimulator,
  type CaisseApSimulatedOutcome,
  type CaisseApTerminalSettings,
} from '../devices/caisse-ap';
import type { PaymentTerminal } from '../devices/payment-terminal';
import type { SimulationScript } from '../devices/simulated/simulation-script';
import type { CabinConfig } from './config';
import type { OperationLog } from './log';

/**
 * What each of the script's payment outcomes plays on the byte-level simulator. Keyed by name so that
 * outcomes added to `SimulatedPaymentOutcome` later map here as they come; an unknown one declines.
 */
const SIMULATED_OUTCOMES: Readonly<Record<string, CaisseApSimulatedOutcome>> = {
  paid: 'approved',
  declined: 'declined',
  cancelled: 'cancelledOnTerminal',
  cardRemoved: 'cardRemoved',
  timeout: 'noAnswer',
  noAnswer: 'noAnswer',
  answerLost: 'dropAfterApproval',
  garbled: 'garbled',
  truncated: 'truncated',
};

/** The byte-level outcome of a script's payment outcome. */
export function simulatedOutcomeOf(payment: string): CaisseApSimulatedOutcome {
  return SIMULATED_OUTCOMES[payment] ?? 'declined';
}

/** The Caisse-AP settings of `config` (host and port may be overridden, as `diag` does). */
export function caisseApSettings(
  config: CabinConfig,
  address: Partial<Pick<CaisseApTerminalSettings, 'host' | 'port'>> = {},
): CaisseApTerminalSettings {
  const { host, port, concertId, registerId, answerTimeoutMs, connectTimeoutMs } = config.paymentTerminal;
  return {
    host: address.host ?? host,
    port: address.port ?? port,
    concertId,
    registerId,
    answerTimeoutMs,
    connectTimeoutMs,
  };
}

/** The payment terminal of `config`, and what stops the simulator it started, if any. */
export async function paymentTerminalFor(
  config: CabinConfig,
  simulated: PaymentTerminal,
  script: SimulationScript,
  log: OperationLog,
  clock: Clock,
): Promise<{ readonly terminal: PaymentTerminal; readonly dispose?: () => void }> {
  const toLog = (code: string, detail?: string): void =>
    code === 'payment.sent' || code === 'payment.approved'
      ? log.info(code)
      : log.warn(code, detail === undefined ? {} : { detail });
  if (config.paymentTerminal.kind === 'caisseAp') {
    const { host, port } = config.paymentTerminal;
    log.info('payment.caisseAp', { host, port });
    return { terminal: new CaisseApPaymentTerminal(caisseApSettings(config), clock, toLog) };
  }
  if (config.hardware !== 'simulated' || !config.simulation.byteLevelDevices) {
    log.info('payment.simulated');
    return { terminal: simulated };
  }
  const simulator = new CaisseApSimulator(clock, {
    get answerDelayMs() {
      return script.stepMs * 2;
    },
    outcome: () => simulatedOutcomeOf(script.payment),
  });
  const listening = await simulator.listen({ host: '127.0.0.1', port: 0 });
  if (!listening.ok) {
    log.warn('payment.simulatorNotStarted', { code: listening.error.code });
    return { terminal: simulated };
  }
  log.info('payment.caisseApSimulator', { port: listening.value.port });
  const settings = caisseApSettings(config, { host: '127.0.0.1', port: listening.value.port });
  // A script's `unreachable` is a terminal switched off: the connection is refused and nothing is sent.
  const openLink: typeof openTcpLink = (address, linkClock, timeoutMs) =>
    script.payment === ('unreachable' as string)
      ? Promise.resolve(err({ code: 'link.refused', detail: 'simulated' }))
      : openTcpLink(address, linkClock, timeoutMs);
  return {
    terminal: new CaisseApPaymentTerminal(settings, clock, toLog, openLink),
    dispose: () => void simulator.stop(),
  };
}
