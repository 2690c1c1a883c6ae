// Latency from the last byte of a result frame on the wire to the session view update: the real
// thermometer codec on an in-memory link, the controller on real time, the view as the renderer gets it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock, type CabinView } from '../../contract';
import { BleThermometerGatewaySimulator } from '../../devices/ble-thermometer-gateway';
import { bleThermometerGatewayModel } from '../../devices/catalog';
import { happyScript } from '../../devices/simulated/simulation-script';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { defaultConfig } from '../../main/config';
import { createController } from '../../main/controller';
import { DISCARDING_LOG } from '../../main/test-support/discarding-log';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { cleanBetweenPatients, cooperativeAction, viewOf } from '../support/patient-robot';

/** Runs `sessions` sessions up to a temperature result and answers the printed lines (median, max). */
export async function benchmarkResultLatency(sessions = 15): Promise<string[]> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-latency-'));
  const script = happyScript(20);
  const base = createSimulatedPeripherals(script, systemClock, 60_000, true);
  const [deviceEnd, simulatorEnd] = createMemoryLinkPair();
  let lastResultByteAt = 0;
  // The simulator's writes pass through here: a notification line is the thermometer's result frame.
  const timedEnd: ByteLink = {
    name: simulatorEnd.name,
    write: (bytes) => {
      // Stamped as it goes on the wire: the link delivers it on a later turn, parsing included.
      if (bytes[0] === 0x4e) lastResultByteAt = performance.now();
      return simulatorEnd.write(bytes);
    },
    onData: (listener) => simulatorEnd.onData(listener),
    onEnd: (listener) => simulatorEnd.onEnd(listener),
    close: () => simulatorEnd.close(),
  };
  const simulator = new BleThermometerGatewaySimulator(timedEnd, systemClock);
  simulator.setScenario({ takeMs: 50 });
  const thermometer = bleThermometerGatewayModel.createDevice(deviceEnd, systemClock);
  const controller = createController({
    config: defaultConfig(directory),
    log: DISCARDING_LOG,
    peripherals: { ...base, devices: base.devices.map((d) => (d.kind === 'temperature' ? thermometer : d)) },
  });
  await controller.booted;
  const latencies: number[] = [];
  for (let i = 0; i < sessions; i += 1) {
    const viewAt = new Promise<number>((resolve) => {
      const stop = controller.onEvent((event) => {
        if (event.type !== 'view.changed') return;
        const view: CabinView = event.view;
        const screen = view.session?.screen;
        if (
          screen?.step === 'measurements' &&
          screen.stage === 'result' &&
          screen.current === 'temperature'
        ) {
          stop();
          resolve(performance.now());
        }
      });
    });
    // The cabin may refuse for a moment after the last session (the previous card still on its way
    // out of the reader): try again, as the next patient would.
    cleanBetweenPatients(controller);
    while (
      !controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } })
        .ok
    )
      await new Promise((resolve) => setTimeout(resolve, 5));
    for (;;) {
      const view = viewOf(controller);
      const screen = view.session?.screen;
      if (screen?.step === 'measurements' && screen.current === 'bloodPressure') {
        controller.server.act({ type: 'patient.skip' });
      } else if (screen?.step === 'measurements' && screen.current === 'temperature') {
        if (screen.stage === 'instructions') controller.server.act({ type: 'patient.startMeasurement' });
        break;
      } else {
        const action = cooperativeAction(view);
        if (action) controller.server.act(action);
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    latencies.push((await viewAt) - lastResultByteAt);
    controller.server.act({ type: 'patient.quit' });
    while (viewOf(controller).phase !== 'ready') await new Promise((resolve) => setTimeout(resolve, 5));
  }
  simulator.stop();
  await controller.stop();
  base.dispose?.();
  rmSync(directory, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return [
    `result frame's last byte to session view update (thermometer, ${sessions} sessions): median ${median.toFixed(2)} ms, ` +
      `max ${Math.max(...latencies).toFixed(2)} ms (target median < 20 ms)`,
  ];
}
