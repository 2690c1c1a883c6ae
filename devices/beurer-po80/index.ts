// Beurer PO 80 pulse oximeter over USB HID: codec, device, simulator.
export * from './beurer-codec';
export * from './beurer-device';
export * from './beurer-simulator';
