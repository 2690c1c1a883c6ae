// The HID transport: node-hid links and enumeration (in-process doubles live in drivers/test-support/).
export * from './hid-link';
export * from './hid-enumeration';
