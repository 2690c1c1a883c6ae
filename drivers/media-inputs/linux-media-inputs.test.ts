// The kernel's listing of cameras and sound inputs, on a folder laid out as sysfs is on a cabin PC with a
// USB webcam (capture node and metadata node), a USB otoscope, a USB sound card and the PC's own sound.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLinuxMediaInputs } from './linux-media-inputs';
import { rmsDbfs } from './sound-level';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), `${text}\n`);
}

/** A USB device at `usbPath` with ids and product, and its interface `:1.0`. */
function usbDevice(usbPath: string, vendor: string, product: string, name: string): string {
  write(`${usbPath}/idVendor`, vendor);
  write(`${usbPath}/idProduct`, product);
  write(`${usbPath}/product`, name);
  return `${usbPath}/${usbPath.split('/').at(-1) ?? ''}:1.0`;
}

/** A class entry `/sys/class/<cls>/<node>` linking to `<device>/<sub>/<node>`, whose `device` links to `device`. */
function classNode(cls: string, node: string, device: string, sub: string): string {
  const real = `${device}/${sub}/${node}`;
  mkdirSync(join(root, real), { recursive: true });
  symlinkSync(join(root, device), join(root, real, 'device'));
  mkdirSync(join(root, 'sys/class', cls), { recursive: true });
  symlinkSync(join(root, real), join(root, 'sys/class', cls, node));
  return `sys/class/${cls}/${node}`;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cabine-sysfs-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the cameras and sound inputs the kernel lists', () => {
  it('names each USB input as the browser does, with its ids, and leaves out metadata nodes and output-only cards', () => {
    const usb = 'sys/devices/pci0000:00/0000:00:14.0/usb1';
    const webcam = usbDevice(`${usb}/1-1`, '046d', '0825', 'Webcam C270');
    const otoscope = usbDevice(`${usb}/1-2`, '1bcf', '2c99', 'USB 2.0 Camera');
    const soundCard = usbDevice(`${usb}/1-3`, '0d8c', '0014', 'USB Audio Device');
    write(`${classNode('video4linux', 'video0', webcam, 'video4linux')}/name`, 'UVC Camera (046d:0825)');
    write('sys/class/video4linux/video0/index', '0');
    write(`${classNode('video4linux', 'video1', webcam, 'video4linux')}/name`, 'UVC Camera (046d:0825)');
    write('sys/class/video4linux/video1/index', '1');
    write(
      `${classNode('video4linux', 'video2', otoscope, 'video4linux')}/name`,
      'USB 2.0 Camera: USB Camera',
    );
    write('sys/class/video4linux/video2/index', '0');
    // The PC's own sound (not USB, playback only) and the USB sound card with a capture device.
    const pcSound = 'sys/devices/pci0000:00/0000:00:1f.3';
    mkdirSync(join(root, pcSound), { recursive: true });
    write(`${classNode('sound', 'card0', pcSound, 'sound')}/id`, 'PCH');
    classNode('sound', 'pcmC0D0p', pcSound, 'sound');
    write(`${classNode('sound', 'card1', soundCard, 'sound')}/id`, 'Device');
    classNode('sound', 'pcmC1D0c', soundCard, 'sound');

    expect(listLinuxMediaInputs(root)).toEqual([
      {
        deviceId: '/dev/video0',
        kind: 'videoinput',
        label: 'UVC Camera (046d:0825) (046d:0825)',
        groupId: '',
      },
      {
        deviceId: '/dev/video2',
        kind: 'videoinput',
        label: 'USB 2.0 Camera: USB Camera (1bcf:2c99)',
        groupId: '',
      },
      { deviceId: 'hw:1', kind: 'audioinput', label: 'USB Audio Device (0d8c:0014)', groupId: '' },
    ]);
  });

  it('lists nothing, without failing, where the kernel has no camera and no sound', () => {
    expect(listLinuxMediaInputs(root)).toEqual([]);
  });
});

describe('the sound level of a capture', () => {
  it('is -3 dBFS for a full-scale sine, lower by 20 dB for a tenth of it, and -Infinity for silence', () => {
    const sine = (amplitude: number): Buffer => {
      const pcm = Buffer.alloc(48_000 * 2);
      for (let i = 0; i < 48_000; i += 1) {
        pcm.writeInt16LE(Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / 48_000)), i * 2);
      }
      return pcm;
    };
    expect(rmsDbfs(sine(1))).toBeCloseTo(-3.01, 1);
    expect(rmsDbfs(sine(0.1))).toBeCloseTo(-23.01, 1);
    expect(rmsDbfs(Buffer.alloc(960))).toBe(-Infinity);
  });
});
