// The peripherals a configuration asks for: the simulated set (npm start, tests), or real card reader
// and measuring devices; and the platform link (the protocol client unless `platform.kind` is simulated).
// The printer is CUPS when the configuration says so (main/printer-for-config.ts); the payment terminal
// is Caisse-AP over IP, or its simulator over TCP, or the domain-level one (main/payment-terminal-for-config.ts).
import { existsSync } from 'node:fs';
import { after, type Clock } from '../contract';
import { PcscliteContext } from '../drivers/pcsc/pcsclite-context';
import { PcscIdCardReader } from '../devices/vitale/pcsc-id-card-reader';
import { PublicLayoutVitaleReader } from '../devices/vitale/public-layout-vitale-reader';
import { happyScript } from '../devices/simulated/simulation-script';
import { VirtualCardIdCardReader } from '../devices/simulated/virtual-card-id-card-reader';
import type { CabinConfig } from './config';
import type { OperationLog } from './log';
import { createSimulatedPeripherals, type CabinPeripherals } from './peripherals';
import { paymentTerminalFor } from './payment-terminal-for-config';
import { printerFor } from './printer-for-config';
import { startRealDevices } from './real-devices';
import { PlatformSocketLink } from './platform-client/platform-socket-link';

/** Where pcscd listens: without this socket there is no pcscd to wait for. */
const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

/** How long the cabin waits for pcscd to answer before it decides there is none. */
const PCSCD_WAIT_MS = 1_500;

async function reachablePcsc(
  log: OperationLog,
  readerPrefix: string | null,
  clock: Clock,
): Promise<PcscliteContext | null> {
  if (!existsSync(PCSCD_SOCKET)) return null;
  const context = pcscContext(log, clock);
  const deadline = clock.now() + PCSCD_WAIT_MS;
  while (clock.now() < deadline) {
    const { available, readers } = context.snapshot();
    if (available && (readerPrefix === null || readers.some((r) => r.name.startsWith(readerPrefix))))
      return context;
    await new Promise<void>((resolve) => after(clock, 100, resolve));
  }
  context.close();
  return null;
}

/** The PC/SC context on pcscd, its faults to the operation log. */
function pcscContext(log: OperationLog, clock: Clock): PcscliteContext {
  return new PcscliteContext(clock, { onCode: (code) => log.warn('pcsc.fault', { code }) });
}

/** The PC/SC card reader on pcscd, reading the Vitale public layout (the development path of devices/vitale). */
function pcscCardReader(context: PcscliteContext, log: OperationLog): PcscIdCardReader {
  return new PcscIdCardReader(context, new PublicLayoutVitaleReader(), {
    onCode: (code) => log.warn('card.fault', { code }),
  });
}

/** The platform link of `config`: the protocol client, or the in-process simulation when asked for. */
function platformLinkFor(config: CabinConfig, log: OperationLog, clock: Clock): PlatformSocketLink | null {
  if (config.platform.kind === 'simulated') return null;
  const { url, cabinId, credential } = config.platform;
  return new PlatformSocketLink({ url, cabinId, credential, log, clock });
}

/** Builds the peripherals of `config`, waiting on `clock`; the returned set's `dispose()` releases all of them. */
export async function peripheralsFor(
  config: CabinConfig,
  log: OperationLog,
  clock: Clock,
): Promise<CabinPeripherals> {
  const peripherals = await devicePeripheralsFor(config, log, clock);
  const link = platformLinkFor(config, log, clock);
  if (link === null) return peripherals;
  const disposeDevices = peripherals.dispose;
  return {
    ...peripherals,
    platform: link,
    dispose: () => {
      disposeDevices?.();
      link.close();
    },
  };
}

async function devicePeripheralsFor(
  config: CabinConfig,
  log: OperationLog,
  clock: Clock,
): Promise<CabinPeripherals> {
  const script = happyScript(config.simulation.stepMs);
  if (config.hardware === 'simulated') {
    // The virtual Vitale card needs pcscd with the vpcd driver (root); without it the card is simulated above PC/SC.
    const pcsc =
      config.simulation.cardReader === 'virtualCard' ? await reachablePcsc(log, 'Virtual PCD', clock) : null;
    if (config.simulation.cardReader === 'virtualCard') {
      log.info(pcsc ? 'card.virtualCardOnPcscd' : 'card.simulatedWithoutPcscd');
    }
    const peripherals = createSimulatedPeripherals(
      script,
      clock,
      config.simulation.callMs,
      config.simulation.byteLevelDevices,
      pcsc ? new VirtualCardIdCardReader(pcscCardReader(pcsc, log), script, clock) : undefined,
    );
    // The same object (the simulator routes and the platform simulation share it), with pcscd released too.
    const disposeSimulators = peripherals.dispose;
    const { printer, watchChanges } = await printerFor(config, peripherals.printer, log, clock);
    const payment = await paymentTerminalFor(config, peripherals.paymentTerminal, script, log, clock);
    return Object.assign(peripherals, {
      printer,
      paymentTerminal: payment.terminal,
      ...(watchChanges ? { watchChanges } : {}),
      dispose: () => {
        disposeSimulators?.();
        payment.dispose?.();
        pcsc?.close();
      },
    });
  }
  const simulatedRest = createSimulatedPeripherals(script, clock, config.simulation.callMs);
  const pcsc = pcscContext(log, clock);
  const devices = await startRealDevices(config.fixedPorts, log, clock);
  const printer = await printerFor(config, simulatedRest.printer, log, clock);
  const payment = await paymentTerminalFor(config, simulatedRest.paymentTerminal, script, log, clock);
  return {
    cardReader: pcscCardReader(pcsc, log),
    devices: devices.devices,
    inspection: devices.inspection,
    printer: printer.printer,
    paymentTerminal: payment.terminal,
    platform: simulatedRest.platform,
    // A device plugged or unplugged, or a print job failed: the cabin checks its peripherals again.
    watchChanges: (listener) => {
      const stopDevices = devices.watchChanges(listener);
      const stopPrinter = printer.watchChanges?.(listener);
      return () => {
        stopDevices();
        stopPrinter?.();
      };
    },
    dispose: () => {
      devices.stop();
      payment.dispose?.();
      pcsc.close();
    },
  };
}
