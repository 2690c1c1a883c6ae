// The HID transport: node-hid links, enumeration, an in-process pair for simulators and a replay link for tests.
export * from './hid-link';
export * from './hid-enumeration';
export * from './hid-link-pair';
export * from './replay-hid-transport';
export * from './manual-clock';
export * from './schedule';
