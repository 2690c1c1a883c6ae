// Scenarios of one device in the cabin, on XState's SimulatedClock, with fake `connect` and `measure`.
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, SimulatedClock, type AnyEventObject } from 'xstate';
import type { CabinError, Result } from '../contract';
import { deviceMachine, peripheralStateOf, type ConnectRequest } from './device-machine';

const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
};

function startDevice(kind: 'bloodPressure' | 'oxygenSaturation' = 'oxygenSaturation') {
  const clock = new SimulatedClock();
  const connects: ConnectRequest[] = [];
  const connectAnswers: (CabinError | null)[] = [];
  let sendBack: ((event: AnyEventObject) => void) | null = null;
  const machine = deviceMachine.provide({
    actors: {
      connect: fromPromise<Result<void>, ConnectRequest>(({ input }) => {
        connects.push(input);
        const answer = connectAnswers.shift() ?? null;
        return Promise.resolve(
          answer ? { ok: false as const, error: answer } : { ok: true as const, value: undefined },
        );
      }),
      measure: fromCallback(({ sendBack: send }) => {
        sendBack = send;
        return () => {
          sendBack = null;
        };
      }),
    },
  });
  const actor = createActor(machine, { input: { deviceId: 'beurer-po80:/dev/hidraw3', kind }, clock });
  actor.start();
  const deviceSays = (event: AnyEventObject): void => {
    if (!sendBack) throw new Error('no measurement is running');
    sendBack(event);
  };
  /** Plugs the device in and lets the connection settle. */
  const plugIn = async (path = '/dev/hidraw3', modelId = 'beurer-po80'): Promise<void> => {
    actor.send({ type: 'device.plugged', path, modelId });
    await settle();
  };
  return {
    actor,
    clock,
    connects,
    plugIn,
    /** Plugs the oximeter in and starts a measurement. */
    startMeasuring: async (): Promise<void> => {
      await plugIn();
      actor.send({ type: 'device.measure' });
    },
    failNextConnect: (error: CabinError) => connectAnswers.push(error),
    deviceSays,
    /** The running measurement fails with `error`. */
    deviceFails: (error: CabinError) => deviceSays({ type: 'measurement.failed', error }),
    state: () => actor.getSnapshot().value,
    peripheral: () => peripheralStateOf(actor.getSnapshot()),
  };
}

describe('a device in the cabin', () => {
  it('is absent until plugged, then connects and is ready', async () => {
    const device = startDevice();
    expect([device.state(), device.peripheral()]).toEqual(['absent', 'absent']);
    device.actor.send({ type: 'device.plugged', path: '/dev/hidraw3', modelId: 'beurer-po80' });
    expect(device.state()).toBe('connecting');
    await settle();
    expect([device.state(), device.peripheral()]).toEqual(['ready', 'ok']);
    expect(device.connects).toEqual([
      { deviceId: 'beurer-po80:/dev/hidraw3', path: '/dev/hidraw3', modelId: 'beurer-po80' },
    ]);
  });

  it('the oximeter measures: finger detected, keep still, then the result, then ready again', async () => {
    const device = startDevice();
    await device.startMeasuring();
    expect(device.actor.getSnapshot().context.progress).toEqual({ stage: 'preparing' });
    device.deviceSays({ type: 'measurement.progressed', progress: { stage: 'fingerDetected' } });
    expect(device.actor.getSnapshot().context.progress).toEqual({ stage: 'fingerDetected' });
    const measurement = {
      kind: 'oxygenSaturation',
      takenAt: 1,
      quantities: [{ name: 'spo2', value: 97, unit: '%' }],
    };
    device.deviceSays({ type: 'measurement.taken', measurement });
    expect(device.state()).toBe('result');
    expect(device.actor.getSnapshot().context.measurement).toEqual(measurement);
    device.actor.send({ type: 'device.dismiss' });
    expect(device.state()).toBe('ready');
  });

  it('no finger: an error with a message for the patient and the detail for the technician; the device stays ok', async () => {
    const device = startDevice();
    await device.startMeasuring();
    device.deviceFails({ code: 'measurement.noFinger', detail: 'no value for 20000 ms' });
    expect(device.state()).toBe('error');
    expect(device.actor.getSnapshot().context.failure).toEqual({
      patientMessage: 'measurement.noFinger',
      technicianDetail: 'no value for 20000 ms',
    });
    expect(device.peripheral()).toBe('ok');
    device.actor.send({ type: 'device.measure' });
    expect(device.state()).toBe('measuring');
  });

  it('a device that stops answering is faulty until a measurement works again', async () => {
    const device = startDevice();
    await device.startMeasuring();
    device.deviceFails({ code: 'device.timeout' });
    expect([device.state(), device.peripheral()]).toEqual(['error', 'faulty']);
    device.actor.send({ type: 'device.dismiss' });
    expect(device.peripheral()).toBe('ok');
  });

  it('the oximeter is unplugged while measuring', async () => {
    const device = startDevice();
    await device.startMeasuring();
    device.deviceSays({ type: 'measurement.progressed', progress: { stage: 'fingerDetected' } });
    device.actor.send({ type: 'device.unplugged' });
    expect([device.state(), device.peripheral()]).toEqual(['absent', 'absent']);
    expect(device.actor.getSnapshot().context.progress).toBeNull();
    expect(() => device.deviceSays({ type: 'measurement.taken' })).toThrow('no measurement is running');
  });

  it('the link ends under a measurement before the watcher notices: absent too', async () => {
    const device = startDevice();
    await device.startMeasuring();
    device.deviceFails({ code: 'device.unplugged', detail: 'link unplugged' });
    expect(device.state()).toBe('absent');
  });

  it('the tensiometer comes back after a reconnect', async () => {
    const device = startDevice('bloodPressure');
    device.failNextConnect({ code: 'link.openFailed', detail: '/dev/hidraw4: permission denied' });
    await device.plugIn('/dev/hidraw4', 'omron-hem7322u');
    expect([device.state(), device.peripheral()]).toEqual(['waitingToReconnect', 'faulty']);
    expect(device.actor.getSnapshot().context.failure?.technicianDetail).toBe(
      '/dev/hidraw4: permission denied',
    );
    device.clock.increment(4999);
    await settle();
    expect(device.state()).toBe('waitingToReconnect');
    device.clock.increment(1);
    await settle();
    expect([device.state(), device.peripheral()]).toEqual(['ready', 'ok']);
    expect(device.connects).toHaveLength(2);
  });

  it('unplugged while waiting to reconnect: absent, and no more attempts', async () => {
    const device = startDevice('bloodPressure');
    device.failNextConnect({ code: 'device.timeout' });
    await device.plugIn('/dev/hidraw4', 'omron-hem7322u');
    device.actor.send({ type: 'device.unplugged' });
    device.clock.increment(10_000);
    await settle();
    expect(device.state()).toBe('absent');
    expect(device.connects).toHaveLength(1);
  });

  it('re-plugged at another path: connects there', async () => {
    const device = startDevice();
    await device.plugIn();
    device.actor.send({ type: 'device.unplugged' });
    await device.plugIn('/dev/hidraw5');
    expect(device.state()).toBe('ready');
    expect(device.connects.map((c) => c.path)).toEqual(['/dev/hidraw3', '/dev/hidraw5']);
  });
});
