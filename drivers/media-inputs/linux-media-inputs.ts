// The cameras and sound inputs the Linux kernel lists, read from sysfs without a browser: for the
// technician's command line, which must say what is plugged in before the cabin's screen runs. Each input
// gets the label a browser shows on Linux: the device's name, then its USB ids as ` (vvvv:pppp)`
// (Chromium appends them to a USB camera's label), so one classification serves both listings.
// Sources: the kernel's sysfs ABI (Documentation/ABI/stable/sysfs-class-video4linux: `name`, `index`;
// Documentation/ABI/testing/sysfs-bus-usb: `idVendor`, `idProduct`, `product`; ALSA's
// /sys/class/sound/cardN with `id`, and `pcmCnDmc` for a capture device).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MediaDeviceEntry } from '../../contract';

/** How many parent folders are searched upwards from an interface for its USB device's ids. */
const USB_PARENT_DEPTH = 4;

/** A file's first line, or null when it cannot be read. */
function readLine(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').split('\n')[0]?.trim() ?? null;
  } catch {
    return null;
  }
}

/** The USB ids of the device a sysfs node belongs to, as `vvvv:pppp`, and its product name; null off USB. */
function usbDeviceOf(node: string): { readonly ids: string; readonly product: string | null } | null {
  let folder: string;
  try {
    folder = realpathSync(join(node, 'device'));
  } catch {
    return null;
  }
  for (let depth = 0; depth < USB_PARENT_DEPTH; depth += 1) {
    const vendor = readLine(join(folder, 'idVendor'));
    const product = readLine(join(folder, 'idProduct'));
    if (
      vendor !== null &&
      product !== null &&
      /^[0-9a-f]{4}$/iu.test(vendor) &&
      /^[0-9a-f]{4}$/iu.test(product)
    ) {
      return {
        ids: `${vendor.toLowerCase()}:${product.toLowerCase()}`,
        product: readLine(join(folder, 'product')),
      };
    }
    folder = dirname(folder);
  }
  return null;
}

function labelWith(name: string, usb: { readonly ids: string } | null): string {
  return usb === null ? name : `${name} (${usb.ids})`;
}

function list(folder: string): string[] {
  try {
    return readdirSync(folder).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch {
    return [];
  }
}

/**
 * The video capture nodes (`/dev/videoN` whose `index` is 0: a UVC camera's metadata node is left out)
 * and the sound cards with a capture device, as media device entries whose `deviceId` is the device's
 * path; `root` is the filesystem root (a test gives a folder shaped like one). Empty where nothing is.
 */
export function listLinuxMediaInputs(root = '/'): MediaDeviceEntry[] {
  const entries: MediaDeviceEntry[] = [];
  const videoClass = join(root, 'sys/class/video4linux');
  for (const node of list(videoClass)) {
    const at = join(videoClass, node);
    const index = readLine(join(at, 'index'));
    if (index !== null && index !== '0') continue;
    const name = readLine(join(at, 'name')) ?? node;
    entries.push({
      deviceId: `/dev/${node}`,
      kind: 'videoinput',
      label: labelWith(name, usbDeviceOf(at)),
      groupId: '',
    });
  }
  const soundClass = join(root, 'sys/class/sound');
  for (const card of list(soundClass).filter((name) => /^card\d+$/u.test(name))) {
    const number = card.slice('card'.length);
    const at = join(soundClass, card);
    const captures = list(soundClass).filter((name) => new RegExp(`^pcmC${number}D\\d+c$`, 'u').test(name));
    if (captures.length === 0 && !existsSync(join(at, `pcmC${number}D0c`))) continue;
    const usb = usbDeviceOf(at);
    const name = usb?.product ?? readLine(join(at, 'id')) ?? card;
    entries.push({ deviceId: `hw:${number}`, kind: 'audioinput', label: labelWith(name, usb), groupId: '' });
  }
  return entries;
}
