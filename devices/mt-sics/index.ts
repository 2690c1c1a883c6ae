// Mettler Toledo MT-SICS scale, serial 9600 8N1 (DEVICES.md, scale 1), and the polled scale it shares
// with the A&D model.
export * from './mt-sics-codec';
export * from './mt-sics-device';
export * from './mt-sics-simulator';
export * from './polled-scale-device';
export * from './scale-fault';
