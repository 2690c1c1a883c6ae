// An in-process platform for scenario tests and a cabin without a platform (`platform.kind: "simulated"`):
// a short queue, a fictitious doctor, a call that asks for one measurement, deposits a prescription and
// ends. It carries no media: the call counts as connected by itself, and media messages are dropped.
import {
  after,
  err,
  ok,
  type CallFact,
  type Cancel,
  type Clock,
  type HelpCallState,
  type QueueEvent,
  type RemoteHelpAudience,
  type Result,
} from '../../contract';
import type { PeripheralState } from '../../devices/peripheral';
import { runSequence } from '../../devices/simulated/step-sequence';
import type { DocumentContent, OutboundItem, PlatformLink, QueueEntry } from './platform-link';

/** The appointment codes the simulated platform knows (fictitious). */
export const SIMULATED_APPOINTMENT_CODES: Readonly<Record<string, 'doctor' | 'physiotherapist'>> = {
  '123456': 'doctor',
  '654321': 'physiotherapist',
};

/** Pace and behaviour of the simulated platform. */
export interface SimulatedPlatformOptions {
  /** Gap between two waiting-room or call events, in ms. */
  readonly stepMs: number;
  /** How long the professional talks before ending the call, in ms. */
  readonly callMs: number;
  /** Whether the platform answers at all (false simulates a network cut). */
  readonly reachable: () => boolean;
}

/** A platform simulated in-process. */
export class SimulatedPlatformLink implements PlatformLink {
  readonly delivered: OutboundItem[] = [];
  /** The help calls' states the cabin reported, in order. */
  readonly helpReports: HelpCallState[] = [];
  private readonly documents = new Map<string, Map<string, Uint8Array>>();

  constructor(
    private readonly options: SimulatedPlatformOptions,
    private readonly clock: Clock,
  ) {}

  check(): Promise<PeripheralState> {
    return Promise.resolve(this.options.reachable() ? 'ok' : 'faulty');
  }

  lookUpAppointment(code: string): Promise<Result<{ readonly profession: 'doctor' | 'physiotherapist' }>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    const profession = SIMULATED_APPOINTMENT_CODES[code.replace(/\s/g, '')];
    return Promise.resolve(profession ? ok({ profession }) : err({ code: 'appointment.unknownCode' }));
  }

  joinQueue(entry: QueueEntry, report: (event: QueueEvent) => void): Cancel {
    const { stepMs } = this.options;
    if (!this.options.reachable()) {
      return after(this.clock, stepMs, () =>
        report({ type: 'queue.failed', error: { code: 'platform.unreachable' } }),
      );
    }
    return runSequence(this.clock, [
      [stepMs, () => report({ type: 'queue.updated', position: 2, estimatedWaitMinutes: 6 })],
      [stepMs, () => report({ type: 'queue.updated', position: 1, estimatedWaitMinutes: 3 })],
      [
        stepMs,
        () =>
          report({
            type: 'queue.assigned',
            professional: {
              civility: 'Dr',
              name: 'Claire Fontaine',
              profession: entry.profession,
              specialty: entry.profession === 'doctor' ? 'Médecine générale' : '',
              rpps: '10000000000',
              address: '12 rue des Lilas, 69003 Lyon',
            },
          }),
      ],
    ]);
  }

  joinCall(sessionId: string, report: (fact: CallFact) => void): Cancel {
    const { stepMs, callMs } = this.options;
    const prescription = {
      id: 'doc-1',
      kind: 'prescription' as const,
      title: 'Ordonnance',
      pages: 1,
    };
    report({ type: 'call.joined', media: { mode: 'direct', iceServers: [] } });
    return runSequence(this.clock, [
      [stepMs, () => report({ type: 'call.connected' })],
      [callMs / 2, () => report({ type: 'call.measurementRequested', kind: 'temperature' })],
      [
        callMs / 2,
        () => {
          const text = 'Ordonnance (document de démonstration)\nParacétamol 1 g, 3 fois par jour, 3 jours.\n';
          this.documentsOf(sessionId).set(prescription.id, new TextEncoder().encode(text));
          report({ type: 'call.documentReceived', document: prescription });
        },
      ],
      [stepMs, () => report({ type: 'call.ended' })],
    ]);
  }

  deliver(item: OutboundItem): Promise<Result<void>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    this.delivered.push(item);
    return Promise.resolve(ok(undefined));
  }

  fetchDocument(sessionId: string, documentId: string): Promise<Result<DocumentContent>> {
    const content = this.documents.get(sessionId)?.get(documentId);
    return Promise.resolve(
      content ? ok({ contentType: 'text/plain', content }) : err({ code: 'document.missing' }),
    );
  }

  /** The simulated support is told of every help call, and never answers it (the attendant does). */
  reportHelp(
    _sessionId: string,
    state: HelpCallState,
  ): Promise<Result<{ readonly told: readonly RemoteHelpAudience[] }>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    this.helpReports.push(state);
    return Promise.resolve(ok({ told: state === 'requested' ? ['support'] : [] }));
  }

  relayMedia(): Promise<Result<unknown>> {
    return Promise.resolve(this.options.reachable() ? ok(null) : err({ code: 'platform.unreachable' }));
  }

  forgetSession(sessionId: string): void {
    this.documents.delete(sessionId);
    // Delivered items stand for what the platform now holds; the cabin keeps no copy of them.
    this.delivered.length = 0;
  }

  private documentsOf(sessionId: string): Map<string, Uint8Array> {
    let documents = this.documents.get(sessionId);
    if (!documents) {
      documents = new Map();
      this.documents.set(sessionId, documents);
    }
    return documents;
  }
}
