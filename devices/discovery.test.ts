// Discovery and hot-plug on fixtures shaped like SerialPort.list() and HID.devices() entries.
import { describe, expect, it } from 'vitest';
import type { HidDeviceInfo } from '../drivers/hid';
import { ManualClock } from '../test/support/manual-clock';
import { DEVICE_MODELS, findModel } from './catalog';
import {
  DeviceWatcher,
  discoverDevices,
  releaseText,
  usbIdentity,
  type DeviceChange,
  type DiscoverySources,
  type SerialPortInfo,
} from './discovery';

// An FTDI adapter (0403:6001) that no model claims, a built-in UART, and the two HID devices.
const FTDI: SerialPortInfo = {
  path: '/dev/ttyUSB0',
  manufacturer: 'FTDI',
  serialNumber: 'A10KZP4S',
  pnpId: 'usb-FTDI_FT232R_USB_UART_A10KZP4S-if00-port0',
  vendorId: '0403',
  productId: '6001',
};
const UART: SerialPortInfo = { path: '/dev/ttyS0' };
const OMRON: HidDeviceInfo = {
  path: '/dev/hidraw3',
  vendorId: 0x0590,
  productId: 0x0090,
  serialNumber: '20131008',
  manufacturer: 'OMRON HEALTHCARE',
  product: 'HEM-7322U-E',
  release: 0x0100,
  interface: 0,
};
const BEURER: HidDeviceInfo = {
  path: '/dev/hidraw4',
  vendorId: 0x28e9,
  productId: 0x028a,
  manufacturer: 'Beurer',
  product: 'PO80',
  interface: 0,
};
const KEYBOARD: HidDeviceInfo = {
  path: '/dev/hidraw0',
  vendorId: 0x046d,
  productId: 0xc31c,
  product: 'USB Keyboard',
};

class FixtureSources implements DiscoverySources {
  serial: SerialPortInfo[] = [];
  hid: HidDeviceInfo[] = [];
  existing = new Set<string>();
  hidFails = false;
  listSerialPorts(): Promise<SerialPortInfo[]> {
    return Promise.resolve([...this.serial]);
  }
  listHidDevices(): Promise<HidDeviceInfo[]> {
    return this.hidFails
      ? Promise.reject(new Error('hid enumeration failed'))
      : Promise.resolve([...this.hid]);
  }
  pathExists(path: string): Promise<boolean> {
    return Promise.resolve(this.existing.has(path));
  }
}

describe('the catalog', () => {
  it('finds models by id; each id is the catalog once', () => {
    expect(findModel('omron-hem7322u')?.kind).toBe('bloodPressure');
    expect(findModel('unknown')).toBeUndefined();
    expect(new Set(DEVICE_MODELS.map((m) => m.id)).size).toBe(DEVICE_MODELS.length);
  });
});

describe('discovery at start', () => {
  it('lists serial ports and the catalogued HID devices, with their models', async () => {
    const sources = new FixtureSources();
    sources.serial = [FTDI, UART];
    sources.hid = [KEYBOARD, OMRON, BEURER];
    const devices = await discoverDevices(sources, DEVICE_MODELS);
    expect(devices.find((d) => d.path === '/dev/hidraw3')).toEqual({
      path: '/dev/hidraw3',
      transport: 'hid',
      vendorId: 0x0590,
      productId: 0x0090,
      modelIds: ['omron-hem7322u'],
      serialNumber: '20131008',
      manufacturer: 'OMRON HEALTHCARE',
      product: 'HEM-7322U-E',
      release: '1.00',
      origin: 'listed',
    });
    expect(devices.find((d) => d.path === '/dev/ttyUSB0')).toMatchObject({
      vendorId: 0x0403,
      productId: 0x6001,
      serialNumber: 'A10KZP4S',
    });
    expect(devices.map((d) => d.path)).not.toContain('/dev/hidraw0');
  });

  it("gives each device's USB descriptors as an identity the slot merges with the device's own", async () => {
    const sources = new FixtureSources();
    sources.serial = [FTDI];
    sources.hid = [OMRON, BEURER];
    const devices = await discoverDevices(sources, DEVICE_MODELS);
    const identity = (path: string) => {
      const found = devices.find((d) => d.path === path);
      return found ? usbIdentity(found) : undefined;
    };
    expect(identity('/dev/hidraw3')).toEqual({
      model: 'OMRON HEALTHCARE HEM-7322U-E',
      serialNumber: '20131008',
      firmware: '1.00',
      source: 'usb',
    });
    expect(identity('/dev/hidraw4')).toEqual({
      model: 'Beurer PO80',
      serialNumber: null,
      firmware: null,
      source: 'usb',
    });
    expect(identity('/dev/ttyUSB0')).toEqual({
      model: 'FTDI',
      serialNumber: 'A10KZP4S',
      firmware: null,
      source: 'usb',
    });
    expect(releaseText(0x0215)).toBe('2.15');
    expect(releaseText(undefined)).toBeNull();
  });

  it('a configured fixed port (a pseudo-terminal) counts while its path exists', async () => {
    const sources = new FixtureSources();
    sources.existing.add('/tmp/cabine/ttyNonin');
    const fixed = [
      { modelId: 'nonin-df2', path: '/tmp/cabine/ttyNonin' },
      { modelId: 'mt-sics', path: '/tmp/cabine/ttyScale' },
    ];
    expect(await discoverDevices(sources, DEVICE_MODELS, fixed)).toEqual([
      {
        path: '/tmp/cabine/ttyNonin',
        transport: 'serial',
        vendorId: null,
        productId: null,
        modelIds: ['nonin-df2'],
        serialNumber: null,
        manufacturer: null,
        product: null,
        release: null,
        origin: 'configured',
      },
    ]);
  });

  it('a fixed port that the system also lists takes the configured model', async () => {
    const sources = new FixtureSources();
    sources.serial = [FTDI];
    const devices = await discoverDevices(sources, DEVICE_MODELS, [
      { modelId: 'mt-sics', path: '/dev/ttyUSB0' },
    ]);
    expect(devices).toMatchObject([{ path: '/dev/ttyUSB0', modelIds: ['mt-sics'], origin: 'listed' }]);
  });
});

describe('hot-plug', () => {
  async function watching(
    sources: FixtureSources,
  ): Promise<{ clock: ManualClock; changes: string[]; watcher: DeviceWatcher }> {
    const clock = new ManualClock();
    const watcher = new DeviceWatcher({
      sources,
      models: DEVICE_MODELS,
      intervalMs: 1000,
      clock,
    });
    const changes: string[] = [];
    watcher.onChange((c: DeviceChange) =>
      changes.push(`${c.type} ${c.device.path} ${c.device.modelIds.join(',')}`),
    );
    await watcher.start();
    return { clock, changes, watcher };
  }

  it('devices found at start are reported plugged', async () => {
    const sources = new FixtureSources();
    sources.hid = [OMRON];
    const { changes } = await watching(sources);
    expect(changes).toEqual(['plugged /dev/hidraw3 omron-hem7322u']);
  });

  it('the oximeter is plugged in, pulled out, then plugged back at another path', async () => {
    const sources = new FixtureSources();
    const { clock, changes, watcher } = await watching(sources);
    sources.hid = [BEURER];
    await clock.advance(1000);
    sources.hid = [];
    await clock.advance(1000);
    sources.hid = [{ ...BEURER, path: '/dev/hidraw6' }];
    await clock.advance(1000);
    expect(changes).toEqual([
      'plugged /dev/hidraw4 beurer-po80',
      'unplugged /dev/hidraw4 beurer-po80',
      'plugged /dev/hidraw6 beurer-po80',
    ]);
    expect(watcher.current().map((d) => d.path)).toEqual(['/dev/hidraw6']);
  });

  it('a HID list that cannot be read does not unplug the HID devices', async () => {
    const sources = new FixtureSources();
    sources.hid = [OMRON];
    const { clock, changes } = await watching(sources);
    sources.hidFails = true;
    await clock.advance(3000);
    expect(changes).toEqual(['plugged /dev/hidraw3 omron-hem7322u']);
  });

  it('a stopped watcher polls no more', async () => {
    const sources = new FixtureSources();
    const { clock, changes, watcher } = await watching(sources);
    watcher.stop();
    sources.hid = [OMRON];
    await clock.advance(5000);
    expect(changes).toEqual([]);
  });
});
