// Nonin Data Format #2 pulse oximeter (Xpod / OEM III), serial 9600 8N1 (DEVICES.md, pulse oximeter 1).
export * from './nonin-df2-codec';
export * from './nonin-df2-device';
export * from './nonin-df2-simulator';
