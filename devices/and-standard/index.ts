// A&D standard-format scale, serial 2400 7E1 by default (DEVICES.md, scale 2).
export * from './and-standard-codec';
export * from './and-standard-device';
export * from './and-standard-simulator';
