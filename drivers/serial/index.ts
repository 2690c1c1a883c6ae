// The serial transport: links on serialport with a watchdog, a reconnector, and framing for line and
// fixed-length binary protocols.
export { openSerialLink, SerialLink } from './serial-link';
export type { SerialLineSettings, SerialLinkOptions, SilenceWatch } from './serial-link';
export { SerialReconnector } from './serial-reconnector';
export type { SerialConnection, SerialReconnectorOptions } from './serial-reconnector';
export { LineFramer } from './line-framer';
export type { LineFramerOptions } from './line-framer';
export { FrameSplitter } from './frame-splitter';
export type { FrameSplitterOptions } from './frame-splitter';
export { listSerialPorts } from './serial-enumeration';
export type { SerialPortInfo } from './serial-enumeration';
