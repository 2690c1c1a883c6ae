// Omron HEM-7322U (and HEM-7131U) blood pressure monitor over USB HID: codec, device, simulator.
export * from './omron-codec';
export * from './omron-device';
export * from './omron-simulator';
