// A bare client of the platform protocol for tests and benchmarks: it plays a practitioner console or a
// cabin over a real WebSocket, matches replies by requestId and hands every push to `onPush`.
import WebSocket from 'ws';

/** A message as it came off the wire (already JSON-parsed, not validated: tests look at it). */
export type WireMessage = Record<string, unknown> & { readonly type: string };

/** One authenticated connection to the platform. */
export interface ProtocolClient {
  readonly socket: WebSocket;
  /** Sends a request (a requestId is added) and answers the platform's `reply` or `rejected`. */
  request(message: Record<string, unknown>): Promise<WireMessage>;
  /** Sends a message as it is (notices, or deliberately malformed input). */
  send(message: unknown): void;
  close(): void;
}

/** The platform's base URL turned into its WebSocket URL. */
export function socketUrlOf(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws`;
}

/** Connects, says hello, and resolves once welcomed (rejects if the platform closes first). */
export function connectToPlatform(
  baseUrl: string,
  hello: Record<string, unknown>,
  onPush: (message: WireMessage) => void = () => undefined,
): Promise<ProtocolClient> {
  const socket = new WebSocket(socketUrlOf(baseUrl));
  const pending = new Map<number, (reply: WireMessage) => void>();
  let nextId = 1;
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed before welcome (${code})`)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', ...hello })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as WireMessage;
      if (message.type === 'welcome') {
        resolve({
          socket,
          request: (body) =>
            new Promise((answer) => {
              const requestId = nextId++;
              pending.set(requestId, answer);
              socket.send(JSON.stringify({ ...body, requestId }));
            }),
          send: (body) => socket.send(typeof body === 'string' ? body : JSON.stringify(body)),
          close: () => socket.close(),
        });
        return;
      }
      const requestId = message.requestId;
      if ((message.type === 'reply' || message.type === 'rejected') && typeof requestId === 'number') {
        const answer = pending.get(requestId);
        pending.delete(requestId);
        if (answer) return answer(message);
      }
      onPush(message);
    });
  });
}

/** Logs a practitioner in over HTTP and answers the token. */
export async function logInPractitioner(baseUrl: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200) throw new Error(`login refused: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
