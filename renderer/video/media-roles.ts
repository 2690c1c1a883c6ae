// Which browser input is which: the renderer lists its cameras and microphones, the controller answers
// their roles (the patient's face camera and microphone, each examination instrument). The answer is
// kept here for the screens: the call opens the face devices and the instruments by these ids.
import {
  MEDIA_REPORT_LIMITS,
  type MediaDeviceEntry,
  type MediaDeviceReport,
  type MediaRoles,
} from '../../contract/instrument';
import type { Result } from '../../contract/result';

/** The last answer of the controller about the media inputs, and a way to ask again. */
export class MediaRolesStore {
  private roles: MediaRoles | null = null;
  private readonly listeners = new Set<(roles: MediaRoles) => void>();
  private asking: Promise<void> = Promise.resolve();

  constructor(
    private readonly listDevices: () => Promise<readonly MediaDeviceEntry[]>,
    private readonly report: (report: MediaDeviceReport) => Promise<Result<MediaRoles>>,
  ) {}

  /** The controller's last answer, or null before the first one. */
  current(): MediaRoles | null {
    return this.roles;
  }

  /** Subscribes to new answers; returns the unsubscribe function. */
  onChange(listener: (roles: MediaRoles) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lists the inputs and reports them (one report at a time, in order); a refusal keeps the last answer. */
  refresh(): Promise<void> {
    this.asking = this.asking.then(async () => {
      try {
        const devices = await this.listDevices();
        const answer = await this.report({ devices: boundedEntries(devices) });
        if (!answer.ok) return;
        this.roles = answer.value;
        for (const listener of [...this.listeners]) listener(answer.value);
      } catch {
        // A browser that cannot list its devices: the cabin opens the defaults.
      }
    });
    return this.asking;
  }
}

/** The inputs as the contract bounds them: at most 64, each text cut to its limit. */
function boundedEntries(devices: readonly MediaDeviceEntry[]): MediaDeviceEntry[] {
  const { id, kind, label } = MEDIA_REPORT_LIMITS;
  return devices.slice(0, MEDIA_REPORT_LIMITS.devices).map((device) => ({
    deviceId: device.deviceId.slice(0, id),
    kind: device.kind.slice(0, kind),
    label: device.label.slice(0, label),
    groupId: device.groupId.slice(0, id),
  }));
}

/** The constraint that opens one input by its id, or nothing when the id is unknown. */
export function exactDevice(deviceId: string | null | undefined): MediaTrackConstraints {
  return deviceId === null || deviceId === undefined ? {} : { deviceId: { exact: deviceId } };
}

/** The face camera's and microphone's ids when the controller told them apart (labels shown), else null. */
export function faceDeviceIds(roles: MediaRoles | null): {
  camera: string | null;
  microphone: string | null;
} {
  if (roles === null || roles.labelsHidden) return { camera: null, microphone: null };
  return { camera: roles.faceCameraId, microphone: roles.microphoneId };
}
