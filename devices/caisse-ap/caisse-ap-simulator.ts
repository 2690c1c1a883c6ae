// A Caisse-AP over IP terminal that answers as a script says, byte for byte: it reads the request, waits
// the cardholder's time on its clock, then answers as akretion/caisse-ap-ip's terminal simulator does
// (tested by its authors against an Ingenico Desk/5000): `CZ` first, the request's fields echoed in
// their order, then `AE` and `AF`, or `AE`, `CC`, `CI`, `AC` and the card data a real terminal sends
// (`AA` masked card number, `AI`, `AB`, `CF`, `CG`; fictitious here) that the cabin must drop.
// Or it misbehaves: silence, a connection dropped after it approved, garbage, a cut answer.
import { after, type Clock, type Result } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { listenTcp, type TcpAddress, type TcpListener } from '../../drivers/tcp/tcp-link';
import {
  ACTION_RESULT,
  decodeCaisseAp,
  encodeCaisseAp,
  FAILURE_REASON,
  type CaisseApField,
} from './caisse-ap-codec';

/** How the simulated terminal ends the next transaction (`unreachable` is a simulator not listening). */
export type CaisseApSimulatedOutcome =
  | 'approved'
  | 'declined'
  | 'cancelledOnTerminal'
  | 'cardRemoved'
  | 'noAnswer'
  | 'dropAfterApproval'
  | 'garbled'
  | 'truncated';

/** Every outcome the simulator plays, for tests that walk them all. */
export const CAISSE_AP_SIMULATED_OUTCOMES: readonly CaisseApSimulatedOutcome[] = [
  'approved',
  'declined',
  'cancelledOnTerminal',
  'cardRemoved',
  'noAnswer',
  'dropAfterApproval',
  'garbled',
  'truncated',
];

/** A fictitious masked card number, as the public simulator writes one: the cabin must never keep it. */
export const SIMULATED_MASKED_PAN = '497010######0042';

/** One request the simulator read, with when it came and when it was answered (its clock's time). */
export interface ReceivedRequest {
  /** The request's bytes exactly as they came off the wire. */
  readonly bytes: Uint8Array;
  readonly fields: readonly CaisseApField[];
  readonly receivedAt: number;
  /** When the answer (or the drop) went out; null while the cardholder is still "paying", or never. */
  answeredAt: number | null;
}

/** How the simulator behaves; every field may change between transactions. */
export interface CaisseApSimulatorOptions {
  /** The cardholder's time between the request and the answer, on the simulator's clock. */
  answerDelayMs: number;
  /** The outcome of each next transaction (read when a request arrives). */
  outcome: () => CaisseApSimulatedOutcome;
}

/** The fields a payment request must carry (the public simulator's list). */
const MANDATORY_TAGS = ['CZ', 'CJ', 'CA', 'CB', 'CD', 'CE'];

const FAILURE_REASONS: Partial<Record<CaisseApSimulatedOutcome, string>> = {
  declined: FAILURE_REASON.refused,
  cancelledOnTerminal: FAILURE_REASON.operatorAbandon,
  cardRemoved: FAILURE_REASON.notCompleted,
};

/** The simulated terminal: serve it links (in memory, or TCP with `listen`). */
export class CaisseApSimulator {
  /** Every request read, oldest first. */
  readonly received: ReceivedRequest[] = [];
  #authorisation = 123456;
  readonly #listeners = new Set<TcpListener>();

  constructor(
    private readonly clock: Clock,
    readonly options: CaisseApSimulatorOptions,
  ) {}

  /** Listens on `address` (port 0: any free one) as a real terminal's server does. */
  async listen(address: TcpAddress): Promise<Result<TcpListener>> {
    const listening = await listenTcp(address, (link) => this.serve(link));
    if (listening.ok) this.#listeners.add(listening.value);
    return listening;
  }

  /** Stops every listener (the terminal becomes unreachable) and drops its connections. */
  async stop(): Promise<void> {
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    await Promise.all(listeners.map((listener) => listener.close()));
  }

  /** Reads requests on one connection and answers each as the script says. */
  serve(link: ByteLink): void {
    let buffer: Uint8Array = new Uint8Array(0);
    link.onData((chunk) => {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const decoded = decodeCaisseAp(buffer);
      if (!decoded.ok && decoded.error.code === 'caisseAp.truncated') return;
      const bytes = buffer;
      buffer = new Uint8Array(0);
      if (!decoded.ok) {
        // The public simulator answers a request it cannot read as "not done, format error".
        void link.write(
          this.#encode([
            { tag: 'CZ', value: '0300' },
            { tag: 'AE', value: '01' },
            { tag: 'AF', value: '09' },
          ]),
        );
        return;
      }
      const request: ReceivedRequest = {
        bytes,
        fields: decoded.value,
        receivedAt: this.clock.now(),
        answeredAt: null,
      };
      this.received.push(request);
      // A request without the mandatory fields is answered at once, "not done, format error".
      if (MANDATORY_TAGS.some((tag) => !decoded.value.some((field) => field.tag === tag))) {
        void link.write(
          this.#encode([
            ...echo(decoded.value),
            { tag: 'AE', value: ACTION_RESULT.notDone },
            { tag: 'AF', value: FAILURE_REASON.formatError },
          ]),
        );
        return;
      }
      const outcome = this.options.outcome();
      if (outcome === 'noAnswer') return;
      const cancel = after(this.clock, this.options.answerDelayMs, () => {
        request.answeredAt = this.clock.now();
        void this.#answer(link, request.fields, outcome);
      });
      link.onEnd(cancel);
    });
  }

  async #answer(
    link: ByteLink,
    request: readonly CaisseApField[],
    outcome: CaisseApSimulatedOutcome,
  ): Promise<void> {
    switch (outcome) {
      case 'dropAfterApproval':
        // The card was charged; the connection breaks before the answer leaves the terminal.
        await link.close();
        return;
      case 'garbled':
        await link.write(Uint8Array.from('CZ004030\x00AEx9\xff\xfe', (c) => c.charCodeAt(0)));
        return;
      case 'truncated': {
        const whole = this.#encode(this.#approval(request));
        await link.write(whole.subarray(0, Math.floor(whole.length * 0.6)));
        await link.close();
        return;
      }
      case 'approved':
        await link.write(this.#encode(this.#approval(request)));
        return;
      case 'declined':
      case 'cancelledOnTerminal':
      case 'cardRemoved':
      case 'noAnswer':
        await link.write(
          this.#encode([
            ...echo(request),
            { tag: 'AE', value: ACTION_RESULT.notDone },
            { tag: 'AF', value: FAILURE_REASONS[outcome] ?? FAILURE_REASON.unknown },
          ]),
        );
        return;
    }
  }

  #approval(request: readonly CaisseApField[]): CaisseApField[] {
    this.#authorisation = this.#authorisation >= 999_999 ? 100_000 : this.#authorisation + 1;
    return [
      ...echo(request),
      { tag: 'AE', value: ACTION_RESULT.done },
      { tag: 'CC', value: '001' },
      { tag: 'CI', value: '1' },
      { tag: 'AC', value: String(this.#authorisation) },
      { tag: 'AA', value: SIMULATED_MASKED_PAN },
      { tag: 'AI', value: 'A0000000421010' },
      { tag: 'AB', value: '2812' },
      { tag: 'CF', value: '1010000000' },
      { tag: 'CG', value: '424242' },
    ];
  }

  #encode(fields: readonly CaisseApField[]): Uint8Array {
    const encoded = encodeCaisseAp(fields);
    if (!encoded.ok) throw new Error(`simulator answer not encodable: ${encoded.error.code}`);
    return encoded.value;
  }
}

/** The request's fields as a terminal echoes them: `CZ` first, then the rest in their order. */
function echo(request: readonly CaisseApField[]): CaisseApField[] {
  const version = request.find((field) => field.tag === 'CZ') ?? { tag: 'CZ', value: '0300' };
  return [version, ...request.filter((field) => field.tag !== 'CZ')];
}
