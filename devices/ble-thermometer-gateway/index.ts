// Health Thermometer (0x2A1C) through the project's USB serial BLE gateway, 115200 8N1 (DEVICES.md,
// thermometer; line format documented in ble-thermometer-codec.ts).
export * from './ble-thermometer-codec';
export * from './ble-thermometer-device';
export * from './ble-thermometer-simulator';
