// The IPP/1.1 message encoding (RFC 8010 section 3): a version, an operation or status code, a request
// id, groups of attributes (each value tagged with its syntax), then the document's bytes. Only what the
// cabin uses is typed; any other value syntax is kept as raw bytes so a reply never fails to decode.
import { err, ok, type Result } from '../../contract';

/** The attribute group delimiters (RFC 8010 3.5.1). */
export const GROUP = { operation: 0x01, job: 0x02, end: 0x03, printer: 0x04, unsupported: 0x05 } as const;

/** The value syntaxes the cabin writes or reads (RFC 8010 3.5.2). */
export const TAG = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

/** The operations the cabin sends (RFC 8011 5.4.15, CUPS Implementation of IPP). */
export const OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
  cupsGetDefault: 0x4001,
} as const;

/** The status codes the cabin tells apart (RFC 8011 appendix B). */
export const STATUS = {
  successfulOk: 0x0000,
  clientErrorNotFound: 0x0406,
  clientErrorNotPossible: 0x0404,
  serverErrorNotAcceptingJobs: 0x0506,
} as const;

/** job-state values (RFC 8011 5.3.7). */
export const JOB_STATE = {
  pending: 3,
  pendingHeld: 4,
  processing: 5,
  processingStopped: 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

/** printer-state values (RFC 8011 5.4.11). */
export const PRINTER_STATE = { idle: 3, processing: 4, stopped: 5 } as const;

/** One decoded value: numbers for integer/enum, booleans, strings for text syntaxes, else raw bytes. */
export type IppValue = number | boolean | string | Uint8Array;

/** One attribute with its syntax tag and one or more values. */
export interface IppAttribute {
  readonly name: string;
  readonly tag: number;
  readonly values: readonly IppValue[];
}

/** One group of attributes under its delimiter tag. */
export interface IppGroup {
  readonly tag: number;
  readonly attributes: readonly IppAttribute[];
}

/** A request (code = operation id) or a response (code = status code). */
export interface IppMessage {
  readonly version: readonly [number, number];
  readonly code: number;
  readonly requestId: number;
  readonly groups: readonly IppGroup[];
  /** The document (Print-Job) or nothing. */
  readonly data?: Uint8Array;
}

const STRING_TAGS = new Set<number>([
  TAG.text,
  TAG.name,
  TAG.keyword,
  TAG.uri,
  0x46, // uriScheme
  TAG.charset,
  TAG.naturalLanguage,
  TAG.mimeMediaType,
  0x4a, // memberAttrName
]);

/** Encodes a message into its bytes, values written in the syntax of their tag. */
export function encodeIpp(message: IppMessage): Uint8Array {
  const chunks: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt8(message.version[0], 0);
  head.writeUInt8(message.version[1], 1);
  head.writeUInt16BE(message.code, 2);
  head.writeUInt32BE(message.requestId, 4);
  chunks.push(head);
  for (const group of message.groups) {
    chunks.push(Buffer.of(group.tag));
    for (const attribute of group.attributes) {
      attribute.values.forEach((value, index) => {
        chunks.push(encodeValue(index === 0 ? attribute.name : '', attribute.tag, value));
      });
    }
  }
  chunks.push(Buffer.of(GROUP.end));
  if (message.data) chunks.push(Buffer.from(message.data));
  return new Uint8Array(Buffer.concat(chunks));
}

function encodeValue(name: string, tag: number, value: IppValue): Buffer {
  let bytes: Buffer;
  if (tag === TAG.integer || tag === TAG.enum) {
    bytes = Buffer.alloc(4);
    bytes.writeInt32BE(Number(value), 0);
  } else if (tag === TAG.boolean) {
    bytes = Buffer.of(value === true ? 1 : 0);
  } else if (tag === TAG.unsupported || tag === TAG.unknown || tag === TAG.noValue) {
    bytes = Buffer.alloc(0);
  } else if (typeof value === 'string') {
    bytes = Buffer.from(value, 'utf8');
  } else if (value instanceof Uint8Array) {
    bytes = Buffer.from(value);
  } else {
    throw new Error(`IPP: a ${typeof value} cannot be written with tag 0x${tag.toString(16)}`);
  }
  const nameBytes = Buffer.from(name, 'utf8');
  const out = Buffer.alloc(1 + 2 + nameBytes.length + 2 + bytes.length);
  out.writeUInt8(tag, 0);
  out.writeUInt16BE(nameBytes.length, 1);
  nameBytes.copy(out, 3);
  out.writeUInt16BE(bytes.length, 3 + nameBytes.length);
  bytes.copy(out, 5 + nameBytes.length);
  return out;
}

/** Decodes a message; `ipp.malformed` when the bytes end early or are not IPP. */
export function decodeIpp(input: Uint8Array): Result<IppMessage> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 9) return err({ code: 'ipp.malformed', detail: 'shorter than an IPP header' });
  const groups: { tag: number; attributes: { name: string; tag: number; values: IppValue[] }[] }[] = [];
  let offset = 8;
  let current: (typeof groups)[number] | null = null;
  for (;;) {
    if (offset >= bytes.length) return err({ code: 'ipp.malformed', detail: 'no end-of-attributes tag' });
    const tag = bytes.readUInt8(offset);
    if (tag === GROUP.end) {
      offset += 1;
      break;
    }
    if (tag < 0x10) {
      current = { tag, attributes: [] };
      groups.push(current);
      offset += 1;
      continue;
    }
    if (current === null || offset + 3 > bytes.length) {
      return err({ code: 'ipp.malformed', detail: `value before any group at ${offset}` });
    }
    const nameLength = bytes.readUInt16BE(offset + 1);
    const valueAt = offset + 3 + nameLength;
    if (valueAt + 2 > bytes.length) return err({ code: 'ipp.malformed', detail: `name cut at ${offset}` });
    const name = bytes.toString('utf8', offset + 3, valueAt);
    const valueLength = bytes.readUInt16BE(valueAt);
    const end = valueAt + 2 + valueLength;
    if (end > bytes.length) return err({ code: 'ipp.malformed', detail: `value cut at ${offset}` });
    const value = decodeValue(tag, bytes.subarray(valueAt + 2, end));
    const previous = current.attributes.at(-1);
    if (nameLength === 0 && previous) previous.values.push(value);
    else current.attributes.push({ name, tag, values: [value] });
    offset = end;
  }
  return ok({
    version: [bytes.readUInt8(0), bytes.readUInt8(1)],
    code: bytes.readUInt16BE(2),
    requestId: bytes.readUInt32BE(4),
    groups,
    ...(offset < bytes.length ? { data: new Uint8Array(bytes.subarray(offset)) } : {}),
  });
}

function decodeValue(tag: number, bytes: Buffer): IppValue {
  if ((tag === TAG.integer || tag === TAG.enum) && bytes.length === 4) return bytes.readInt32BE(0);
  if (tag === TAG.boolean && bytes.length === 1) return bytes.readUInt8(0) !== 0;
  if (STRING_TAGS.has(tag)) return bytes.toString('utf8');
  if ((tag === TAG.textWithLanguage || tag === TAG.nameWithLanguage) && bytes.length >= 2) {
    // natural-language length + language, then text length + text (RFC 8010 3.9).
    const languageLength = bytes.readUInt16BE(0);
    const textAt = 2 + languageLength + 2;
    return bytes.toString('utf8', textAt);
  }
  return new Uint8Array(bytes);
}

/** The values of the first attribute named `name` in groups of `groupTag` (any group when omitted). */
export function ippValues(message: IppMessage, name: string, groupTag?: number): readonly IppValue[] {
  for (const group of message.groups) {
    if (groupTag !== undefined && group.tag !== groupTag) continue;
    const attribute = group.attributes.find((a) => a.name === name);
    if (attribute) return attribute.values;
  }
  return [];
}

/** Whether a status code is one of the successful-ok family (0x0000 to 0x00FF). */
export function isSuccessful(status: number): boolean {
  return status <= 0x00ff;
}
