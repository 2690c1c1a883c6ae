// @vitest-environment jsdom
// The technician's listing of the cabin's cameras and microphones: what each is to the cabin (the
// patient's face camera or microphone, which instrument, how it was recognised), tried one at a time
// with a live picture or sound level, and closed with the panel.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_STAFF_NOW, sampleStaffAnswers } from '../sample-staff';
import { sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { SAMPLE_MEDIA_ROLES } from '../test-support/sample-media-roles';
import { FakeMediaEnvironment, stubMediaPlayback } from '../test-support/fake-media-environment';
import { openStaffPanel } from '../test-support/staff-steps';

stubMediaPlayback();
const { open } = openViews();

let media: FakeMediaEnvironment;
beforeEach(() => {
  media = new FakeMediaEnvironment();
  media.clock.increment(SAMPLE_STAFF_NOW);
  media.roles = SAMPLE_MEDIA_ROLES;
});

async function devicesTab(): Promise<MountedApp> {
  const { app, transport } = await open(sampleView(null, { phase: 'maintenance' }), media);
  transport.staffAnswer = sampleStaffAnswers();
  await openStaffPanel(app, 'technician');
  await app.click('staff-tab-devices');
  return app;
}

const row = (app: MountedApp, deviceId: string): HTMLElement => {
  const found = app.container.querySelector<HTMLElement>(
    `[data-testid="media-input"][data-device-id="${deviceId}"]`,
  );
  if (found === null) throw new Error(`no row ${deviceId}`);
  return found;
};

async function tryInput(app: MountedApp, deviceId: string): Promise<void> {
  act(() => row(app, deviceId).querySelector<HTMLElement>('[data-testid="media-input-try"]')?.click());
  await app.settle();
}

describe("the technician's media inputs", () => {
  it('lists each input with its label, USB ids, role, instrument and how it was recognised', async () => {
    const app = await devicesTab();
    expect(app.get('technician-media-inputs')).not.toBeNull();
    expect(app.container.querySelectorAll('[data-testid="media-input"]')).toHaveLength(4);
    expect(row(app, 'face').textContent).toContain('HD Webcam (046d:0825)');
    expect(row(app, 'face').textContent).toContain('Caméra du patient');
    expect(row(app, 'oto').textContent).toContain('Instrument · Otoscope (reconnu par ses identifiants USB)');
    expect(row(app, 'oto').textContent).toContain('1234:5678');
    expect(row(app, 'steth').textContent).toContain('Stéthoscope (reconnu par le nom configuré)');
    expect(row(app, 'steth').textContent).toContain('pas d’identifiant USB');
  });

  it('shows a live picture of a camera and a level of a microphone, one at a time, closed with the panel', async () => {
    const app = await devicesTab();
    await tryInput(app, 'oto');
    expect(media.inputRequests).toEqual([{ video: { deviceId: { exact: 'oto' } }, audio: false }]);
    const picture = row(app, 'oto').querySelector<HTMLVideoElement>('[data-testid="media-input-picture"]');
    expect((picture?.srcObject as MediaStream | null | undefined)?.getTracks()).toEqual([
      media.inputTracks[0],
    ]);
    await tryInput(app, 'steth');
    expect(media.inputTracks[0]?.readyState).toBe('ended');
    expect(row(app, 'steth').querySelector('[data-testid="media-input-level"]')).not.toBeNull();
    await app.click('staff-close');
    expect(media.inputTracks[1]?.readyState).toBe('ended');
  });
});
