// A test double of CabinTransport at the domain level: records calls and lets a test push views.
import type { CabinClient, CabinMethod, MediaUp } from '../../contract/cabin-api';
import type { CabinView } from '../../contract/cabin-view';
import type { MediaRoles } from '../../contract/instrument';
import type { PatientAction } from '../../contract/patient-action';
import type { StaffCommand, StaffRole, StaffSession } from '../../contract/staff';
import type { CallMedia } from '../../contract/platform-protocol';
import type { CabinError, Result } from '../../contract/result';
import { TRANSPORT_UNAVAILABLE, type CabinTransport, type MediaEvent, type ViewEvent } from '../cabin-client';

/** One recorded call. */
export interface RecordedCall {
  readonly method: CabinMethod;
  readonly params: unknown;
}

/** A transport that answers getView with `view`, records every call, and can be disconnected by a test. */
export class FakeCabinTransport implements CabinTransport {
  readonly calls: RecordedCall[] = [];
  /** What the next act or startSession answers. */
  nextResult: Result<void, CabinError> = { ok: true, value: undefined };
  /** What joinMedia answers: outside a call until a test sets the call's media. */
  joinMediaResult: Result<CallMedia, CabinError> = { ok: false, error: { code: 'call.notJoined' } };
  /** What `reportMediaDevices` answers: labels hidden (the browser's default devices) unless a test says otherwise. */
  mediaRolesResult: Result<MediaRoles, CabinError> = {
    ok: true,
    value: { labelsHidden: true, inputs: [], faceCameraId: null, microphoneId: null },
  };
  /** What a `media` call answers. */
  mediaResult: Result<unknown, CabinError> = { ok: true, value: null };
  /** What `staffLogin` answers for a role and PIN: a session with token `token-<role>` unless a test says otherwise. */
  staffLoginAnswer: (role: StaffRole, pin: string) => Result<StaffSession, CabinError> = (role) => ({
    ok: true,
    value: { token: `token-${role}`, role, idleMs: 120_000 },
  });
  /** What `staffSetPins` answers. */
  staffSetPinsResult: Result<void, CabinError> = { ok: true, value: undefined };
  /** What a `staff` call answers for a command (done, with no value, unless a test says otherwise). */
  staffAnswer: (command: StaffCommand) => Result<unknown, CabinError> = () => ({ ok: true, value: null });
  private connected = true;
  private readonly eventListeners = new Set<(event: ViewEvent) => void>();
  private readonly mediaListeners = new Set<(event: MediaEvent) => void>();
  private readonly linkListeners = new Set<(connected: boolean) => void>();

  constructor(public view: CabinView) {}

  readonly client: CabinClient = {
    getView: () => this.answer('getView', undefined, { ok: true, value: this.view }),
    startSession: (input) => this.answer('startSession', input, this.nextResult),
    act: (action) => this.answer('act', action, this.nextResult),
    staffLogin: (input) => this.answer('staffLogin', input, this.staffLoginAnswer(input.role, input.pin)),
    staffSetPins: (input) => this.answer('staffSetPins', input, this.staffSetPinsResult),
    staff: (input) => this.answer('staff', input, this.staffAnswer(input.command)),
    joinMedia: () => this.answer('joinMedia', undefined, this.joinMediaResult),
    media: (message) => this.answer('media', message, this.mediaResult),
    subtitleAudio: (input) => this.answer('subtitleAudio', input, this.nextResult),
    reportMediaDevices: (input) => this.answer('reportMediaDevices', input, this.mediaRolesResult),
    reportInstrument: (input) => this.answer('reportInstrument', input, this.nextResult),
  };

  /** The patient actions sent so far, in order. */
  actions(): PatientAction[] {
    return this.calls.filter((call) => call.method === 'act').map((call) => call.params as PatientAction);
  }

  /** The staff commands sent so far, in order, with the token each carried. */
  staffCalls(): { readonly token: string; readonly command: StaffCommand }[] {
    return this.calls
      .filter((call) => call.method === 'staff')
      .map((call) => call.params as { readonly token: string; readonly command: StaffCommand });
  }

  /** The staff commands sent so far, in order, without their token. */
  staffCommands(): StaffCommand[] {
    return this.staffCalls().map((call) => call.command);
  }

  /** The video link's messages sent so far, in order. */
  mediaMessages(): MediaUp[] {
    return this.calls.filter((call) => call.method === 'media').map((call) => call.params as MediaUp);
  }

  /** Pushes an event of the video link (signaling, a new SFU producer). */
  pushMedia(event: MediaEvent): void {
    for (const listener of [...this.mediaListeners]) listener(event);
  }

  /** Replaces the view and pushes it as a `view.changed` event. */
  push(view: CabinView): void {
    this.view = view;
    for (const listener of [...this.eventListeners]) listener({ type: 'view.changed', view });
  }

  /** Simulates the link going down or coming back. */
  setConnected(connected: boolean): void {
    this.connected = connected;
    for (const listener of [...this.linkListeners]) listener(connected);
  }

  onEvent(listener: (event: ViewEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onMediaEvent(listener: (event: MediaEvent) => void): () => void {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  isConnected(): boolean {
    return this.connected;
  }

  close(): void {
    this.setConnected(false);
  }

  private answer<T>(
    method: CabinMethod,
    params: unknown,
    result: Result<T, CabinError>,
  ): Promise<Result<T, CabinError>> {
    this.calls.push({ method, params });
    return Promise.resolve(this.connected ? result : TRANSPORT_UNAVAILABLE);
  }
}
