// The projection of the machines' snapshots onto the CabinView the renderer draws. Pure.
import type { CabinPhase, CabinView, SessionView, StepScreen } from '../contract';
import type { SnapshotFrom } from 'xstate';
import type { cabinMachine, CabinContext } from './cabin-machine';
import { currentKind, type SessionContext, type sessionMachine } from './session-machine';
import { standardCost } from './cost';

type CabinSnapshot = SnapshotFrom<typeof cabinMachine>;
type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** Which cabin phase a cabin snapshot is in. */
export function cabinPhaseOf(snapshot: CabinSnapshot): CabinPhase {
  const phases: readonly CabinPhase[] = [
    'booting',
    'ready',
    'inSession',
    'cleaning',
    'maintenance',
    'outOfService',
  ];
  return phases.find((phase) => snapshot.matches(phase)) ?? 'outOfService';
}

/** The whole view: the cabin's phase and peripherals, plus the session's screen when one runs. */
export function cabinViewOf(snapshot: CabinSnapshot): CabinView {
  const context: CabinContext = snapshot.context;
  const phase = cabinPhaseOf(snapshot);
  const child = snapshot.children.session as { getSnapshot(): SessionSnapshot } | undefined;
  const sessionSnapshot = phase === 'inSession' ? child?.getSnapshot() : undefined;
  const session =
    sessionSnapshot && sessionSnapshot.status === 'active' ? sessionViewOf(sessionSnapshot) : null;
  return {
    phase,
    peripherals: context.peripherals,
    needsCleaning: context.needsCleaning,
    attendantCalled: session?.helpRequested ?? false,
    outOfServiceReason: phase === 'outOfService' ? context.outOfServiceReason : null,
    cardInReader: context.cardInReader,
    session,
  };
}

/** The session's view: common settings and the current step's screen. */
export function sessionViewOf(snapshot: SessionSnapshot): SessionView {
  const { context } = snapshot;
  const at = (path: string): boolean => snapshot.matches({ active: { journey: pathValue(path) } } as never);
  const screen = screenOf(context, at);
  return {
    locale: context.locale,
    accessibility: context.accessibility,
    askingStillThere: snapshot.matches({ active: { attention: 'askingStillThere' } }),
    helpRequested: context.helpRequested,
    canGoBack: canGoBackFrom(screen),
    screen,
  };
}

/** Whether the screen offers "back": the steps before the appointment is accepted, except while reading the card. */
export function canGoBackFrom(screen: StepScreen): boolean {
  switch (screen.step) {
    case 'information':
    case 'consent':
    case 'appointment':
      return true;
    case 'identification':
      return screen.stage !== 'readingCard';
    case 'measurements':
    case 'waitingRoom':
    case 'consultation':
    case 'documents':
    case 'payment':
    case 'goodbye':
      return false;
  }
}

// 'a.b.c' → { a: { b: 'c' } }, the state-value shape `matches` takes.
function pathValue(path: string): unknown {
  const parts = path.split('.');
  return parts.reduceRight<unknown>(
    (inner, part) => (inner === undefined ? part : { [part]: inner }),
    undefined,
  );
}

function screenOf(context: SessionContext, at: (path: string) => boolean): StepScreen {
  if (at('information')) return { step: 'information', standardCost: standardCost(context.tariffs) };
  if (at('consent')) return { step: 'consent', consentTextVersion: context.consentTextVersion };
  if (at('identification')) {
    const stage = at('identification.card.readingCard')
      ? 'readingCard'
      : at('identification.card')
        ? 'waitingForCard'
        : at('identification.cardFailed')
          ? 'cardFailed'
          : at('identification.choosingBeneficiary')
            ? 'choosingBeneficiary'
            : at('identification.confirming')
              ? 'confirming'
              : 'manualEntry';
    return {
      step: 'identification',
      stage,
      beneficiaries: context.beneficiaries.map((b, index) => ({
        index,
        firstName: b.firstName,
        surname: b.surname,
        birthDate: b.birthDate,
      })),
      identity: stage === 'confirming' ? context.identity : null,
      failure: stage === 'cardFailed' ? context.cardFailure : null,
      invalidFields: stage === 'manualEntry' ? context.invalidFields : [],
    };
  }
  if (at('appointment')) {
    const stages = [
      'enteringCode',
      'checkingCode',
      'choosingProfession',
      'eligibility',
      'notEligible',
      'carePath',
      'cost',
    ] as const;
    const stage = stages.find((s) => at(`appointment.${s}`)) ?? 'choosing';
    return {
      step: 'appointment',
      stage,
      profession: context.profession,
      failure: stage === 'enteringCode' ? context.appointmentFailure : null,
      cost: stage === 'cost' ? context.cost : null,
    };
  }
  if (at('measurements')) {
    const stage = at('measurements.measuring')
      ? 'measuring'
      : at('measurements.result')
        ? 'result'
        : at('measurements.failed')
          ? 'failed'
          : 'instructions';
    return {
      step: 'measurements',
      stage,
      slots: context.slots,
      current: currentKind(context),
      progress: stage === 'measuring' ? context.progress : null,
      result: stage === 'result' ? context.lastMeasurement : null,
      failure: stage === 'failed' ? context.measurementFailure : null,
    };
  }
  if (at('waitingRoom')) {
    const stage = at('waitingRoom.queue.waiting')
      ? 'waiting'
      : at('waitingRoom.queue')
        ? 'joining'
        : at('waitingRoom.professionalReady')
          ? 'professionalReady'
          : 'failed';
    return {
      step: 'waitingRoom',
      stage,
      position: context.queuePosition,
      estimatedWaitMinutes: context.estimatedWaitMinutes,
      professional: stage === 'professionalReady' ? context.professional : null,
      failure: stage === 'failed' ? context.failure : null,
      mediaCheck: context.mediaCheck,
    };
  }
  if (at('consultation') && context.professional !== null) {
    const stages = ['connecting', 'reconnecting', 'inCall', 'measuring'] as const;
    const stage = at('consultation.call.soundOnly')
      ? 'reconnecting'
      : (stages.find((s) => at(`consultation.call.${s}`)) ?? 'failed');
    return {
      step: 'consultation',
      stage,
      professional: context.professional,
      mediaMode: context.mediaMode,
      professionalReceives: context.professionalReceives,
      requestedMeasurement: stage === 'measuring' ? context.requestedMeasurement : null,
      progress: stage === 'measuring' ? context.progress : null,
      documentsReceived: context.documents.length,
      failure: stage === 'inCall' || stage === 'failed' ? context.failure : null,
    };
  }
  if (at('documents')) {
    const stages = ['printing', 'printed', 'printFailed'] as const;
    const stage = stages.find((s) => at(`documents.${s}`)) ?? 'review';
    return {
      step: 'documents',
      stage,
      documents: context.documents,
      dmpOpposed: context.dmpOpposed,
      failure: stage === 'printFailed' ? context.failure : null,
    };
  }
  if (at('payment') && context.cost !== null) {
    const stage = at('payment.processing') ? 'processing' : at('payment.failed') ? 'failed' : 'confirm';
    return {
      step: 'payment',
      stage,
      cost: context.cost,
      failure: stage === 'failed' ? context.failure : null,
    };
  }
  return {
    step: 'goodbye',
    cardInReader: context.cardInReader,
    documentsPrinted: context.documentsPrinted,
    problemReported: context.problemReported,
  };
}
