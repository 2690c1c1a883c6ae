// Bank-card terminal over Caisse-AP over IP (TCP, the terminal as the server, port 8888 by default).
export * from './caisse-ap-codec';
export * from './caisse-ap-simulator';
export * from './caisse-ap-terminal';
