// The examination instruments the cabin knows: what each is (otoscope, dermatoscope, examination camera,
// stethoscope), the browser media input it reaches the PC as, and how to recognise it (USB ids Chromium
// appends to the label on Linux, then a label pattern). The patient's instructions for each kind live in
// assets/strings, section `instruments`, under the kind's name.
import type { InstrumentKind, InstrumentMediaKind } from '../contract';

/** A USB vendor and product id pair, as `lsusb` and Chromium's label suffix show them. */
export interface UsbId {
  readonly vendorId: number;
  readonly productId: number;
}

/** One instrument model: its kind, its media input, its USB ids, and a label pattern. */
export interface InstrumentModel {
  readonly id: string;
  readonly kind: InstrumentKind;
  readonly mediaKind: InstrumentMediaKind;
  /** USB ids that name this model for sure; empty when no public source gives them. */
  readonly usbIds: readonly UsbId[];
  /** A case-insensitive substring of the label (without its id suffix), or null. */
  readonly labelPattern: string | null;
}

/** The media input each instrument kind reaches the browser as. */
export const INSTRUMENT_MEDIA_KIND: Readonly<Record<InstrumentKind, InstrumentMediaKind>> = {
  otoscope: 'videoinput',
  dermatoscope: 'videoinput',
  examinationCamera: 'videoinput',
  stethoscope: 'audioinput',
};

/**
 * The catalog. The USB otoscopes and dermatoscopes sold for telemedicine are generic UVC cameras whose
 * chips (Sonix, Generalplus…) are shared with ordinary webcams, and no public source found ties a vendor
 * and product id to one instrument alone: the id lists stay empty and the technician names the cabin's
 * own instruments in the configuration (`instruments`). A digital stethoscope reaches the PC as a USB
 * Audio Class input or through a line-in on a USB sound card (the Thinklabs One's headphone output, per
 * its maker's recording notes), so its label is the sound card's: configuration again. The label patterns
 * below only catch devices that name themselves after what they are.
 */
export const INSTRUMENT_MODELS: readonly InstrumentModel[] = [
  { id: 'uvc-otoscope', kind: 'otoscope', mediaKind: 'videoinput', usbIds: [], labelPattern: 'otoscope' },
  {
    id: 'uvc-dermatoscope',
    kind: 'dermatoscope',
    mediaKind: 'videoinput',
    usbIds: [],
    labelPattern: 'dermatoscope',
  },
  {
    id: 'uvc-dermoscope',
    kind: 'dermatoscope',
    mediaKind: 'videoinput',
    usbIds: [],
    labelPattern: 'dermoscope',
  },
  {
    id: 'uac-stethoscope',
    kind: 'stethoscope',
    mediaKind: 'audioinput',
    usbIds: [],
    labelPattern: 'stethoscope',
  },
];

/** The catalog's model with this id, or undefined. */
export function findInstrumentModel(id: string): InstrumentModel | undefined {
  return INSTRUMENT_MODELS.find((model) => model.id === id);
}

/** The USB id as `vvvv:pppp` in lower-case hex, as Chromium writes it. */
export function formatUsbId(usbId: UsbId): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `${hex(usbId.vendorId)}:${hex(usbId.productId)}`;
}
