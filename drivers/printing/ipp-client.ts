// A small IPP client on node:http: one POST of `application/ipp` a request, to CUPS's Unix socket or to
// an `ipp://host:port` server. Where to print follows the CUPS client conventions: the configured server
// or CUPS_SERVER (a socket path or host[:port]), then the configured destination or PRINTER, else the
// server's default destination (CUPS-Get-Default).
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { userInfo } from 'node:os';
import { err, ok, type Result } from '../../contract';
import { GROUP, TAG, decodeIpp, encodeIpp, type IppAttribute, type IppMessage } from './ipp-codec';

/** Where a CUPS server listens: its Unix socket, or a host and port. */
export type CupsServer =
  | { readonly kind: 'socket'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** The socket CUPS listens on in Debian when nothing else is said. */
const DEFAULT_SOCKET = '/run/cups/cups.sock';

/**
 * The server of `setting` (a socket path, host[:port] or an ipp:// URL), else of CUPS_SERVER, else the
 * local socket when it exists, else localhost:631 (as libcups does).
 */
export function cupsServerFrom(setting: string | undefined, environment = process.env): CupsServer {
  const value = setting || environment.CUPS_SERVER || '';
  if (value.startsWith('/')) return { kind: 'socket', path: value };
  if (value !== '') {
    const url = new URL(value.includes('://') ? value : `ipp://${value}`);
    return { kind: 'tcp', host: url.hostname, port: url.port === '' ? 631 : Number(url.port) };
  }
  return existsSync(DEFAULT_SOCKET)
    ? { kind: 'socket', path: DEFAULT_SOCKET }
    : { kind: 'tcp', host: 'localhost', port: 631 };
}

/** The destination named by `setting` (a queue name or an ipp:// URL's last part), else PRINTER, else null. */
export function destinationFrom(setting: string | undefined, environment = process.env): string | null {
  const value = setting || environment.PRINTER || '';
  if (value === '') return null;
  const name = value.includes('://') ? (new URL(value).pathname.split('/').at(-1) ?? '') : value;
  // PRINTER may name an instance ("queue/instance"): the queue is the part before the slash.
  return name.split('/')[0] || null;
}

/** The `printer-uri` of a queue on a server (`localhost` over a Unix socket, as CUPS itself writes). */
export function printerUri(server: CupsServer, queue: string): string {
  const authority = server.kind === 'socket' ? 'localhost' : `${server.host}:${server.port}`;
  return `ipp://${authority}/printers/${encodeURIComponent(queue)}`;
}

/** How long one request may take before it counts as lost. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Sends IPP requests to one CUPS server, numbering them. */
export class IppClient {
  private nextRequestId = 1;
  /** The user CUPS records as the jobs' owner (the cabin's account), as libcups sends it. */
  readonly userName: string = userInfo().username;

  constructor(readonly server: CupsServer) {}

  /** The operation attributes every request starts with (RFC 8011 4.1.4), then `more`. */
  operationAttributes(more: readonly IppAttribute[]): IppAttribute[] {
    return [
      { name: 'attributes-charset', tag: TAG.charset, values: ['utf-8'] },
      { name: 'attributes-natural-language', tag: TAG.naturalLanguage, values: ['en'] },
      ...more,
      { name: 'requesting-user-name', tag: TAG.name, values: [this.userName] },
    ];
  }

  /**
   * Sends one operation to `path` (`/printers/<queue>`, `/jobs`, `/`) and answers the decoded reply, or
   * `ipp.unreachable` (no server, lost connection, timeout) / `ipp.malformed` / `ipp.http` (not 200).
   */
  async send(
    path: string,
    operation: number,
    attributes: readonly IppAttribute[],
    options: {
      readonly groups?: IppMessage['groups'];
      readonly data?: Uint8Array;
      readonly signal?: AbortSignal;
    } = {},
  ): Promise<Result<IppMessage>> {
    const body = encodeIpp({
      version: [1, 1],
      code: operation,
      requestId: this.nextRequestId++,
      groups: [
        { tag: GROUP.operation, attributes: this.operationAttributes(attributes) },
        ...(options.groups ?? []),
      ],
      ...(options.data ? { data: options.data } : {}),
    });
    const reply = await this.post(path, body, options.signal);
    if (!reply.ok) return reply;
    return decodeIpp(reply.value);
  }

  private post(path: string, body: Uint8Array, signal?: AbortSignal): Promise<Result<Uint8Array>> {
    const where =
      this.server.kind === 'socket'
        ? { socketPath: this.server.path, host: 'localhost' }
        : { host: this.server.host, port: this.server.port };
    return new Promise((resolve) => {
      const req = request(
        {
          ...where,
          path,
          method: 'POST',
          // One connection a request: an idle kept-alive connection cupsd closed would fail the next job.
          agent: false,
          headers: { 'content-type': 'application/ipp', 'content-length': body.byteLength },
          timeout: REQUEST_TIMEOUT_MS,
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve(err({ code: 'ipp.unreachable', detail: error.message })));
          res.on('end', () => {
            if (res.statusCode !== 200) resolve(err({ code: 'ipp.http', detail: `HTTP ${res.statusCode}` }));
            else resolve(ok(new Uint8Array(Buffer.concat(chunks))));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer in time')));
      req.on('error', (error) => resolve(err({ code: 'ipp.unreachable', detail: error.message })));
      req.end(body);
    });
  }
}
