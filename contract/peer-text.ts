// Text that came from a peer, made safe to show: control characters (C0 but tab, line feed and carriage
// return; DEL; C1) and the bidirectional embedding, override and isolate characters (U+202A–U+202E,
// U+2066–U+2069) are removed, so that a name or a document cannot hide, reorder or spoof what the screen
// shows. Rejection details are bounded and reduced to plain path characters (never an echo of input).

// eslint-disable-next-line no-control-regex -- the control characters are what this removes
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The longest rejection detail, in characters. */
export const MAX_DETAIL_LENGTH = 120;

/** `text` without control characters (tab and line breaks kept) nor bidi embedding/override/isolate ones. */
export function cleanPeerText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  UNSAFE.lastIndex = 0;
  return text.replace(UNSAFE, '');
}

/**
 * `value` with every string in it (object keys too) cleaned by cleanPeerText; the same value when there
 * was nothing to clean, a cleaned copy otherwise (the input is never changed).
 */
export function cleanPeerStrings<T>(value: T): T {
  return cleanNode(value) as T;
}

function cleanNode(node: unknown): unknown {
  if (typeof node === 'string') return cleanPeerText(node);
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < node.length; index += 1) {
      const item: unknown = node[index];
      const cleaned = cleanNode(item);
      if (cleaned !== item) {
        copy ??= [...(node as unknown[])];
        copy[index] = cleaned;
      }
    }
    return copy ?? node;
  }
  if (typeof node === 'object' && node !== null) {
    let changed = false;
    const entries = Object.entries(node).map(([key, item]) => {
      const cleanKey = cleanPeerText(key);
      const cleaned = cleanNode(item);
      if (cleanKey !== key || cleaned !== item) changed = true;
      return [cleanKey, cleaned] as const;
    });
    return changed ? Object.fromEntries(entries) : node;
  }
  return node;
}

/** A rejection detail (a field path) kept to plain path characters and MAX_DETAIL_LENGTH characters. */
export function boundedDetail(detail: string): string {
  const plain = detail.replace(/[^A-Za-z0-9_.[\] -]/g, '?');
  return plain.length > MAX_DETAIL_LENGTH ? `${plain.slice(0, MAX_DETAIL_LENGTH - 1)}…` : plain;
}
