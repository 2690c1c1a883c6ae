// Which input is which, on the browser's side: the cabin lists its inputs for the controller on load,
// after the camera first opened and on each change, and opens the patient's face camera and microphone
// by the ids the controller answered, falling back to the browser's defaults.
import { describe, expect, it } from 'vitest';
import type { MediaDeviceReport, MediaRoles } from '../../contract/instrument';
import { sampleView } from '../sample-screens';
import { FakeCabinTransport } from '../test-support/fake-cabin-transport';
import { settle } from '../test-support/fake-media-signaling';
import { browserMediaEnvironment } from './media-environment';

const ROLES: MediaRoles = {
  labelsHidden: false,
  faceCameraId: 'face',
  microphoneId: 'voice',
  inputs: [],
};

/** A window whose media devices list two inputs and record what is opened. */
function fakeWindow() {
  const opened: MediaStreamConstraints[] = [];
  const listeners: (() => void)[] = [];
  let refuseIds = false;
  const mediaDevices = {
    enumerateDevices: () =>
      Promise.resolve([
        { deviceId: 'face', kind: 'videoinput', label: 'HD Webcam (046d:0825)', groupId: 'g1' },
        { deviceId: 'oto', kind: 'videoinput', label: 'Otoscope (1234:5678)', groupId: 'g2' },
      ]),
    getUserMedia: (constraints: MediaStreamConstraints) => {
      opened.push(constraints);
      const video = constraints.video as MediaTrackConstraints | false;
      if (refuseIds && video !== false && video.deviceId !== undefined)
        return Promise.reject(new DOMException('gone', 'OverconstrainedError'));
      const tracks = video === false ? [] : [{ kind: 'video' }];
      return Promise.resolve({ getVideoTracks: () => tracks, getTracks: () => tracks });
    },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  const win = { navigator: { mediaDevices } } as unknown as Window;
  return {
    win,
    opened,
    change: () => listeners.forEach((listener) => listener()),
    refuseIds: () => {
      refuseIds = true;
    },
  };
}

const reports = (transport: FakeCabinTransport): MediaDeviceReport[] =>
  transport.calls
    .filter((call) => call.method === 'reportMediaDevices')
    .map((call) => call.params as MediaDeviceReport);

describe('the browser media environment and the roles of the inputs', () => {
  it('lists the inputs on load, after the camera first opened, and on each change; keeps the answer', async () => {
    const transport = new FakeCabinTransport(sampleView(null));
    transport.mediaRolesResult = { ok: true, value: ROLES };
    const browser = fakeWindow();
    const environment = browserMediaEnvironment(transport, browser.win);
    const told: MediaRoles[] = [];
    environment.onMediaRoles((roles) => told.push(roles));
    await settle();
    expect(reports(transport)).toHaveLength(1);
    expect(reports(transport)[0]?.devices.map((device) => device.deviceId)).toEqual(['face', 'oto']);
    expect(environment.mediaRoles()).toEqual(ROLES);
    await environment.openDevices({ audio: true, video: true });
    await environment.openDevices({ audio: true, video: true });
    await settle();
    expect(reports(transport)).toHaveLength(2);
    browser.change();
    await settle();
    expect(reports(transport)).toHaveLength(3);
    expect(told).toHaveLength(3);
  });

  it('lists the inputs once the controller is reached, when it was not at load, and again after it came back', async () => {
    const transport = new FakeCabinTransport(sampleView(null));
    transport.mediaRolesResult = { ok: true, value: ROLES };
    transport.setConnected(false);
    browserMediaEnvironment(transport, fakeWindow().win);
    await settle();
    expect(reports(transport)).toHaveLength(0);
    transport.setConnected(true);
    await settle();
    expect(reports(transport)).toHaveLength(1);
    transport.setConnected(false);
    transport.setConnected(true);
    await settle();
    expect(reports(transport)).toHaveLength(2);
  });

  it('with labels hidden at load, opens the default inputs for a moment, stops them, and lists again', async () => {
    const transport = new FakeCabinTransport(sampleView(null));
    transport.mediaRolesResult = { ok: true, value: { ...ROLES, labelsHidden: true } };
    const browser = fakeWindow();
    const stopped: string[] = [];
    const mediaDevices = (browser.win.navigator as unknown as { mediaDevices: Record<string, unknown> })
      .mediaDevices;
    const open = mediaDevices.getUserMedia as (c: MediaStreamConstraints) => Promise<MediaStream>;
    mediaDevices.getUserMedia = async (constraints: MediaStreamConstraints) => {
      const stream = await open(constraints);
      const track = { kind: 'video', stop: () => stopped.push('video') };
      return { ...stream, getTracks: () => [track], getVideoTracks: () => [track] };
    };
    browserMediaEnvironment(transport, browser.win);
    await settle();
    await settle();
    expect(browser.opened).toEqual([{ audio: true, video: true }]);
    expect(stopped).toEqual(['video']);
    expect(reports(transport)).toHaveLength(2);
  });

  it('opens the face camera and microphone by their ids, never an instrument', async () => {
    const transport = new FakeCabinTransport(sampleView(null));
    transport.mediaRolesResult = { ok: true, value: ROLES };
    const browser = fakeWindow();
    const environment = browserMediaEnvironment(transport, browser.win);
    await settle();
    await environment.openDevices({ audio: true, video: true });
    expect(browser.opened[0]).toMatchObject({
      audio: { deviceId: { exact: 'voice' }, echoCancellation: true },
      video: { deviceId: { exact: 'face' }, facingMode: 'user' },
    });
  });

  it("opens the browser's defaults while labels are hidden, or when the face camera is gone", async () => {
    const transport = new FakeCabinTransport(sampleView(null));
    const browser = fakeWindow();
    const environment = browserMediaEnvironment(transport, browser.win);
    await settle();
    await environment.openDevices({ audio: false, video: true });
    expect(browser.opened[0]?.video).not.toHaveProperty('deviceId');

    transport.mediaRolesResult = { ok: true, value: ROLES };
    browser.change();
    await settle();
    browser.refuseIds();
    const stream = await environment.openDevices({ audio: false, video: true });
    expect(stream.getVideoTracks()).toHaveLength(1);
    expect(browser.opened.at(-1)?.video).not.toHaveProperty('deviceId');
  });
});
