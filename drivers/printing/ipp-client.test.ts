// Where the cabin prints, by the CUPS client conventions: the setting, else CUPS_SERVER and PRINTER.
import { describe, expect, it } from 'vitest';
import { cupsServerFrom, destinationFrom, printerUri } from './ipp-client';

describe('CUPS server and destination', () => {
  it.each([
    ['a socket path', '/tmp/cups/cups.sock', { kind: 'socket', path: '/tmp/cups/cups.sock' }],
    ['a host', 'printhost', { kind: 'tcp', host: 'printhost', port: 631 }],
    ['a host and port', 'printhost:8631', { kind: 'tcp', host: 'printhost', port: 8631 }],
    ['an ipp:// URL', 'ipp://10.0.0.5:631/printers/cabine', { kind: 'tcp', host: '10.0.0.5', port: 631 }],
  ] as const)('takes the server from %s', (_, value, server) => {
    expect(cupsServerFrom(value, {})).toEqual(server);
    expect(cupsServerFrom(undefined, { CUPS_SERVER: value })).toEqual(server);
  });

  it('prefers the setting to CUPS_SERVER', () => {
    expect(cupsServerFrom('/a.sock', { CUPS_SERVER: '/b.sock' })).toEqual({
      kind: 'socket',
      path: '/a.sock',
    });
  });

  it('takes the destination from the setting, else PRINTER (without its instance), else none', () => {
    expect(destinationFrom('cabine', { PRINTER: 'other' })).toBe('cabine');
    expect(destinationFrom(undefined, { PRINTER: 'laser/recto' })).toBe('laser');
    expect(destinationFrom('ipp://host/printers/accueil', {})).toBe('accueil');
    expect(destinationFrom(undefined, {})).toBeNull();
  });

  it('names a queue by its printer-uri as CUPS does', () => {
    expect(printerUri({ kind: 'socket', path: '/run/cups/cups.sock' }, 'cabine')).toBe(
      'ipp://localhost/printers/cabine',
    );
    expect(printerUri({ kind: 'tcp', host: 'h', port: 631 }, 'a b')).toBe('ipp://h:631/printers/a%20b');
  });
});
