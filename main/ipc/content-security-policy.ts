// The Content-Security-Policy of the cabin's screens, shared by Electron and browser mode.
//
// `connect-src` names exactly what the page opens itself: in browser mode the controller's WebSocket
// on 127.0.0.1 (the page's own port), in Electron nothing at all (the preload's IPC is no network
// connection). The platform is not named: its signaling and SFU requests go through the controller
// (`media` calls), and the call's media is WebRTC, which `connect-src` does not govern.

/** What the page connects to: the browser-mode port of the local API, or null under Electron. */
export interface ConnectSources {
  readonly localApiPort: number | null;
}

/** Builds the policy: scripts and styles from the app only, connections to `connect` and nothing else. */
export function contentSecurityPolicy(connect: ConnectSources): string {
  const { localApiPort } = connect;
  if (
    localApiPort !== null &&
    !(Number.isInteger(localApiPort) && localApiPort > 0 && localApiPort < 65_536)
  ) {
    throw new Error(`the local API needs a port from 1 to 65535, not ${localApiPort}`);
  }
  // The page may be opened as 127.0.0.1 (the printed URL) or localhost; its socket uses the page's host.
  const connectSources =
    localApiPort === null ? "'none'" : `ws://127.0.0.1:${localApiPort} ws://localhost:${localApiPort}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connectSources}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
