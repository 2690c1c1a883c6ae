// A virtual Carte Vitale for development and tests: a TCP client of pcscd's vpcd driver (MACHINE.md,
// "PC/SC: real pcscd with a virtual card") that answers the public Vitale 2 layout (DEVICES.md) from an
// in-memory file system. vpcd frames every message with a 2-byte big-endian length; a 1-byte message is a
// control (0 power off, 1 power on, 2 reset, 4 "send your ATR"), anything else an APDU to answer.
// Connecting is inserting the card, closing the socket is pulling it out. All names and NIRs are fictitious.
import { ok, type Result } from '../../contract';
import { fromHex } from './atr';
import { AID_MF_VITALE, AID_VITALE, EF_DIRECTORY } from './public-layout-vitale-reader';
import { concatBytes, encodeTlv } from './tlv';
import { VpcdCardLink } from '../../drivers/pcsc/vpcd-card-link';

export { VPCD_PORT } from '../../drivers/pcsc/vpcd-card-link';

/** How the virtual card misbehaves, if it does. */
export type VirtualCardBehaviour =
  | { readonly kind: 'normal' }
  /** Answers its ATR but never an APDU. */
  | { readonly kind: 'mute' }
  /** Answers every APDU with pseudo-random bytes (seeded, so a test is repeatable). */
  | { readonly kind: 'garbage'; readonly seed?: number }
  /** Asks for another Le with 6Cxx, then sends fewer bytes than it asked for. */
  | { readonly kind: 'wrongLength' }
  /** Answers `apdus` APDUs, then is pulled out when the next one arrives. */
  | { readonly kind: 'removeAfterApdus'; readonly apdus: number };

/** One beneficiary written on the virtual card; `nir` is written as given (15 characters, key included). */
export interface VirtualBeneficiary {
  readonly surname: string;
  readonly firstName: string;
  /** ISO YYYY-MM-DD. */
  readonly birthDate: string;
  readonly nir: string;
  readonly nationality?: string;
}

/** What the virtual card holds and how it behaves; defaults: the Martineau family, a Vitale 2 ATR, vpcd slot 0. */
export interface VirtualVitaleCardOptions {
  readonly beneficiaries?: readonly VirtualBeneficiary[];
  /** ISO YYYY-MM-DD. */
  readonly validFrom?: string;
  readonly behaviour?: VirtualCardBehaviour;
  /** The ATR; a CPS3 or any other ATR turns it into another kind of card. */
  readonly atr?: Uint8Array;
  readonly host?: string;
  /** vpcd's port: 35963 for "Virtual PCD 00 00", 35964 for "00 01" (/etc/reader.conf.d/vpcd). */
  readonly port?: number;
}

/** The ATR of a Vitale 2 (DEVICES.md). */
export const VITALE2_ATR = fromHex('3B 75 13 00 00 44 09 EA 90 00');
/** The ATR of a CPS3 (DEVICES.md). */
export const CPS3_ATR = fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');

/** A fictitious family (NIR keys valid: 97 − first 13 digits mod 97). */
export const VIRTUAL_FAMILY: readonly VirtualBeneficiary[] = [
  {
    surname: 'MARTINEAU',
    firstName: 'Odile',
    birthDate: '1948-03-12',
    nir: '248037512345658',
    nationality: 'FRA',
  },
  {
    surname: 'MARTINEAU',
    firstName: 'Lucas',
    birthDate: '2014-09-30',
    nir: '114097512345726',
    nationality: 'FRA',
  },
];

/** The card's side of the APDUs, without any transport: a file system and ISO 7816-4 commands. */
export class VitaleApplet {
  private readonly applications: ReadonlyMap<string, ReadonlyMap<number, Uint8Array>>;
  private currentApp: ReadonlyMap<number, Uint8Array> | null = null;
  private currentFile: Uint8Array | null = null;
  private pending: Uint8Array | null = null;
  private wrongLengthPending = false;

  constructor(
    beneficiaries: readonly VirtualBeneficiary[],
    validFrom: string,
    private readonly wrongLength = false,
  ) {
    // Files of the VITALE application; their ids are arbitrary on purpose: the reader follows EF 2001.
    const cardFile = encodeTlv(0x66, encodeTlv(0x80, ascii(validFrom.replaceAll('-', ''))));
    const files = new Map<number, Uint8Array>([[0xd001, cardFile]]);
    beneficiaries.forEach((b, i) => files.set(0xd010 + i, encodeBeneficiary(b)));
    const listed = [...files.keys()].map((ef, i) =>
      encodeTlv(
        0x80,
        concatBytes([
          ascii(`FILE${String(i).padStart(4, '0')}`),
          Uint8Array.of(0x00, 0x01, ef >> 8, ef & 0xff),
        ]),
      ),
    );
    const directory = encodeTlv(0xe0, [
      encodeTlv(0xa0, [
        encodeTlv(0x82, concatBytes([Uint8Array.of(0x00, 0x01, 0x00, 0x00), AID_VITALE])),
        encodeTlv(0x82, concatBytes([Uint8Array.of(0x00, 0x02, 0x00, 0x00), AID_MF_VITALE])),
      ]),
      ...listed,
    ]);
    files.set(EF_DIRECTORY, directory);
    this.applications = new Map([
      [hex(AID_VITALE), files],
      [hex(AID_MF_VITALE), new Map()],
    ]);
  }

  /** Forgets every selection, as a power cycle does. */
  reset(): void {
    this.currentApp = null;
    this.currentFile = null;
    this.pending = null;
  }

  /** Answers one command APDU with data + SW1 SW2, as a T=0 card would. */
  answer(apdu: Uint8Array): Uint8Array {
    const [cla, ins, p1 = 0, p2 = 0, p3 = 0] = apdu;
    if (cla !== 0x00) return sw(0x6e00);
    const body = apdu.subarray(5, 5 + p3);
    if (ins !== 0xc0) this.pending = null;
    switch (ins) {
      case 0xa4:
        return this.select(p1, body);
      case 0xc0:
        return this.getResponse(p3);
      case 0xb0:
        return this.readBinary(((p1 & 0x7f) << 8) | p2, p3);
      default:
        return sw(0x6d00);
    }
  }

  private select(p1: number, body: Uint8Array): Uint8Array {
    if (p1 === 0x04) {
      const app = this.applications.get(hex(body));
      if (app === undefined) return sw(0x6a82);
      this.currentApp = app;
      this.currentFile = null;
      // FCI (ISO 7816-4 §5.3.3): 6F { 84 DF name }; T=0 hands it over through 61xx + GET RESPONSE.
      return this.respondLater(encodeTlv(0x6f, encodeTlv(0x84, body)));
    }
    const id = ((body[0] ?? 0) << 8) | (body[1] ?? 0);
    const file = this.currentApp?.get(id);
    if (file === undefined || body.length !== 2) return sw(0x6a82);
    this.currentFile = file;
    return this.respondLater(
      encodeTlv(0x62, [
        encodeTlv(0x80, Uint8Array.of(file.length >> 8, file.length & 0xff)),
        encodeTlv(0x83, body),
      ]),
    );
  }

  private respondLater(fci: Uint8Array): Uint8Array {
    this.pending = fci;
    return Uint8Array.of(0x61, fci.length & 0xff);
  }

  private getResponse(le: number): Uint8Array {
    const pending = this.pending;
    if (pending === null) return sw(0x6985);
    const wanted = le === 0 ? 256 : le;
    if (wanted > pending.length) return sw(0x6c00 | pending.length);
    this.pending = wanted < pending.length ? pending.subarray(wanted) : null;
    const rest = this.pending?.length ?? 0;
    return concatBytes([
      pending.subarray(0, wanted),
      rest > 0 ? Uint8Array.of(0x61, rest & 0xff) : sw(0x9000),
    ]);
  }

  private readBinary(offset: number, le: number): Uint8Array {
    const file = this.currentFile;
    if (file === null) return sw(0x6986);
    if (offset >= file.length) return sw(0x6b00);
    const available = Math.min(file.length - offset, 256);
    const wanted = le === 0 ? 256 : le;
    // T=0 (ISO 7816-3 §10.3.3): a Le the card cannot honour is answered 6Cxx with the right one.
    if (wanted > available) {
      this.wrongLengthPending = this.wrongLength;
      return sw(0x6c00 | (available & 0xff));
    }
    if (this.wrongLengthPending) {
      this.wrongLengthPending = false;
      return concatBytes([file.subarray(offset, offset + Math.max(0, wanted - 3)), sw(0x9000)]);
    }
    return concatBytes([file.subarray(offset, offset + wanted), sw(0x9000)]);
  }
}

/** A virtual Carte Vitale on vpcd: `insert()` connects to pcscd's reader, `remove()` pulls it out. */
export class VirtualVitaleCard {
  private readonly link: VpcdCardLink;
  private readonly applet: VitaleApplet;
  private readonly behaviour: VirtualCardBehaviour;
  private readonly atr: Uint8Array;
  private random: number;
  /** APDUs answered since the last insertion. */
  apdus = 0;

  constructor(private readonly options: VirtualVitaleCardOptions = {}) {
    this.behaviour = options.behaviour ?? { kind: 'normal' };
    this.atr = options.atr ?? VITALE2_ATR;
    this.random = this.behaviour.kind === 'garbage' ? (this.behaviour.seed ?? 42) : 1;
    this.applet = new VitaleApplet(
      options.beneficiaries ?? VIRTUAL_FAMILY,
      options.validFrom ?? '2021-06-01',
      this.behaviour.kind === 'wrongLength',
    );
    this.link = new VpcdCardLink((message) => this.onMessage(message), {
      host: options.host,
      port: options.port,
    });
  }

  /** True while the card is in the reader (connected to vpcd). */
  get inserted(): boolean {
    return this.link.inserted;
  }

  /** Inserts the card: connects to vpcd; `card.readerAbsent` when nothing listens (pcscd not running). */
  async insert(): Promise<Result<void>> {
    if (this.link.inserted) return ok(undefined);
    this.apdus = 0;
    this.applet.reset();
    return this.link.insert();
  }

  /** Pulls the card out (closes the connection); resolves once closed. Safe to call twice. */
  remove(): Promise<void> {
    return this.link.remove();
  }

  private onMessage(message: Uint8Array): Uint8Array | null {
    if (message.length === 1) {
      // Controls: only "send ATR" (4) expects a reply; power off (0), on (1) and reset (2) reset the applet.
      if (message[0] === 4) return this.atr;
      this.applet.reset();
      return null;
    }
    switch (this.behaviour.kind) {
      case 'normal':
      case 'wrongLength':
        this.apdus += 1;
        return this.applet.answer(message);
      case 'mute':
        return null;
      case 'garbage':
        this.apdus += 1;
        return this.garbage();
      case 'removeAfterApdus':
        if (this.apdus >= this.behaviour.apdus) {
          void this.remove();
          return null;
        }
        this.apdus += 1;
        return this.applet.answer(message);
    }
  }

  // A small linear congruential generator: repeatable noise, 1 to 24 bytes.
  private garbage(): Uint8Array {
    const next = (): number => {
      this.random = (this.random * 1103515245 + 12345) >>> 0;
      return (this.random >>> 16) & 0xff;
    };
    return Uint8Array.from({ length: 1 + (next() % 24) }, next);
  }
}

function encodeBeneficiary(b: VirtualBeneficiary): Uint8Array {
  return encodeTlv(0x65, [
    ...(b.nationality === undefined ? [] : [encodeTlv(0x90, ascii(b.nationality))]),
    encodeTlv(0x93, ascii(b.nir)),
    encodeTlv(0x80, ascii(b.surname)),
    encodeTlv(0x81, latin1(b.firstName)),
    encodeTlv(0x82, ascii(b.birthDate.replaceAll('-', ''))),
  ]);
}

function sw(word: number): Uint8Array {
  return Uint8Array.of(word >> 8, word & 0xff);
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'ascii'));
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
