// The attendant sees a required examination instrument missing once the renderer has listed its cameras
// and microphones, and sees it working once it is plugged; bad reports from the wire are refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCall, type MediaDeviceEntry } from '../../contract';
import { happyScript } from '../../devices/simulated/simulation-script';
import { ManualClock } from '../../test/support/manual-clock';
import { defaultConfig } from '../config';
import { createController, type RunningController } from '../controller';
import { createSimulatedPeripherals } from '../peripherals';
import { MemoryOperationLog } from '../test-support/memory-operation-log';

let controller: RunningController | null = null;
let directory = '';

afterEach(async () => {
  await controller?.stop();
  controller = null;
  rmSync(directory, { recursive: true, force: true });
});

async function bootWithOtoscope(): Promise<RunningController> {
  directory = mkdtempSync(join(tmpdir(), 'cabine-instr-'));
  const clock = new ManualClock();
  const started = createController({
    config: {
      ...defaultConfig(directory),
      simulation: { stepMs: 100, callMs: 1000, byteLevelDevices: false, cardReader: 'domain' as const },
      instruments: [{ kind: 'otoscope', labelPattern: 'Digital Otoscope', required: true }],
    },
    clock,
    peripherals: createSimulatedPeripherals(happyScript(100), clock, 1000),
    log: new MemoryOperationLog(),
  });
  controller = started;
  await started.booted;
  return started;
}

const camera = (deviceId: string, label: string): MediaDeviceEntry => ({
  deviceId,
  kind: 'videoinput',
  label,
  groupId: deviceId,
});

const otoscopeStatus = (running: RunningController) => {
  const view = running.server.getView(undefined);
  return view.ok ? view.value.peripherals.find((p) => p.peripheral === 'otoscope') : undefined;
};

describe('the renderer reporting its cameras and microphones', () => {
  it('shows a required instrument absent, then working once plugged, the other peripherals kept', async () => {
    const running = await bootWithOtoscope();
    expect(otoscopeStatus(running)).toBeUndefined();
    running.server.reportMediaDevices({ devices: [camera('', '')] });
    expect(otoscopeStatus(running)).toBeUndefined();
    running.server.reportMediaDevices({ devices: [camera('face', 'Integrated Camera (04f2:b6dd)')] });
    expect(otoscopeStatus(running)).toEqual({
      peripheral: 'otoscope',
      state: 'absent',
      reason: 'instrument.missing',
    });
    const view = running.server.getView(undefined);
    expect(view.ok && view.value.peripherals.some((p) => p.peripheral === 'bloodPressure')).toBe(true);
    running.server.reportMediaDevices({
      devices: [
        camera('face', 'Integrated Camera (04f2:b6dd)'),
        camera('oto', 'USB2.0 Digital Otoscope (0c45:6366)'),
      ],
    });
    expect(otoscopeStatus(running)).toEqual({ peripheral: 'otoscope', state: 'ok' });
  });

  it.each([
    ['a list instead of a report', [camera('a', 'Cam')]],
    ['too many devices', { devices: Array.from({ length: 65 }, (_, i) => camera(`c${i}`, 'Cam')) }],
    ['a label too long', { devices: [camera('a', 'x'.repeat(1025))] }],
    ['a number for a label', { devices: [{ deviceId: 'a', kind: 'videoinput', label: 3, groupId: 'g' }] }],
    ['an extra key', { devices: [{ ...camera('a', 'Cam'), stream: {} }] }],
    ['an extra key on the report', { devices: [], more: true }],
  ])('refuses %s from the wire', (_name, params) => {
    const call = parseCall('reportMediaDevices', params);
    expect(call.ok).toBe(false);
  });

  it('takes a well-formed report from the wire, keeping only the four fields', () => {
    const call = parseCall('reportMediaDevices', { devices: [camera('a', 'Cam')] });
    expect(call.ok && call.value.params).toEqual({ devices: [camera('a', 'Cam')] });
  });
});
