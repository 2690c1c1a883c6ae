// OEM NIBP module, ASCII protocol, serial 4800 8N1 (DEVICES.md, blood pressure 1); its model is in the catalog.
export * from './nibp-ascii-codec';
export * from './nibp-ascii-device';
export * from './nibp-ascii-simulator';
