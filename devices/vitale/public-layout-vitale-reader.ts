// DEVELOPMENT PATH. Reads a Vitale 2 by APDU along its public layout (DEVICES.md, "Carte Vitale (PC/SC)",
// learned from cardpeek's vitale_2.lua): select the VITALE application, read its directory EF 2001 in
// 256-byte blocks, then follow it: every application (tag 82) and file (tag 80) it lists is selected
// and read the same way, and the data objects are decoded (65 beneficiary: 80 surname, 81 first name,
// 82 birth date, 90 nationality, 93 NIR; 66/80 start of validity). No EF id but 2001 is written here.
// Production reads through the licensed SESAM-Vitale library behind the same VitaleReader (README.md).
import { err, ok, type CabinError, type PatientIdentity, type Result } from '../../contract';
import type { CardChannel } from '../../drivers/pcsc/pcsc-context';
import { fromHex } from './atr';
import { nirKeyIsValid } from './nir';
import { concatBytes, decodeTlv, findTlv, type Tlv } from './tlv';
import type { BeneficiaryWarning, VitaleBeneficiary, VitaleCard, VitaleReader } from './vitale-reader';

/** The VITALE application identifier ("VITALE" after the RID D2 50 00 00 02). */
export const AID_VITALE = fromHex('D2 50 00 00 02 56 49 54 41 4C 45');
/** The MF_VITALE application identifier. */
export const AID_MF_VITALE = fromHex('D2 50 00 00 02 4D 46 5F 56 49 54 41 4C 45');
/** The directory file of the VITALE application: the only EF id the reader knows. */
export const EF_DIRECTORY = 0x2001;

const BLOCK = 256;
// Offsets of READ BINARY are 15 bits (ISO 7816-4 §7.2.3, P1 bit 8 clear): no Vitale file comes close.
const MAX_FILE = 0x7fff;
const SW_OK = 0x9000;

/** A file the directory lists: the application entry it belongs to and its EF id. */
interface ListedFile {
  readonly entry: number;
  readonly ef: number;
}

/** Reads a Vitale 2 along the public layout, following its directory; for development and tests only. */
export class PublicLayoutVitaleReader implements VitaleReader {
  readonly kind = 'publicLayout' as const;

  async readBeneficiaries(
    channel: CardChannel,
    signal?: AbortSignal,
  ): Promise<Result<VitaleCard, CabinError>> {
    const io = new CardIo(channel, signal);
    const selected = await io.selectApplication(AID_VITALE);
    if (!selected.ok) return selected;
    const directoryFile = await io.readFile(EF_DIRECTORY);
    if (!directoryFile.ok) return directoryFile;
    if (directoryFile.value === null) return err({ code: 'card.unreadable', detail: 'no-directory' });
    const directory = parseDirectory(directoryFile.value);
    if (!directory.ok) return directory;

    const beneficiaries: VitaleBeneficiary[] = [];
    let validFrom: string | null = null;
    let current: Uint8Array = AID_VITALE;
    for (const file of directory.value.files) {
      const aid = directory.value.applications.get(file.entry);
      if (aid === undefined) return err({ code: 'card.unreadable', detail: 'directory-unknown-entry' });
      if (!sameBytes(aid, current)) {
        const app = await io.selectApplication(aid);
        if (!app.ok) return app;
        current = aid;
      }
      const content = await io.readFile(file.ef);
      if (!content.ok) return content;
      // A file the card refuses to show without a professional card is not ours to read: skip it.
      if (content.value === null) continue;
      // cardpeek's rule: content starting 00 or 04 00 is raw data, not TLV.
      const head = content.value;
      if (head.length === 0 || head[0] === 0x00 || (head[0] === 0x04 && head[1] === 0x00)) continue;
      const objects = decodeTlv(head);
      if (!objects.ok) return objects;
      for (const object of objects.value) {
        if (object.tag === 0x65) beneficiaries.push(decodeBeneficiary(object));
        if (object.tag === 0x66) validFrom = asciiDate(findChild(object, 0x80)) ?? validFrom;
      }
    }
    // A card that yields nobody is of no use to the session; a partial family would be worse than none,
    // which is why every fault above fails the whole read.
    if (beneficiaries.length === 0) return err({ code: 'card.unreadable', detail: 'no-beneficiary' });
    // The public layout writes no "qualité": the card's first person is taken as its holder, the insured
    // person, and the others as beneficiaries (ayants droit). The licensed library says it outright.
    const withHolder = beneficiaries.map((b, index) => ({
      ...b,
      identity: { ...b.identity, holder: index === 0 },
    }));
    return ok({ beneficiaries: withHolder, validFrom });
  }
}

/** The applications (entry → AID, tag 82) and files (tag 80) listed by the directory EF 2001. */
export function parseDirectory(
  bytes: Uint8Array,
): Result<{ applications: Map<number, Uint8Array>; files: readonly ListedFile[] }, CabinError> {
  const decoded = decodeTlv(bytes);
  if (!decoded.ok) return decoded;
  // Layout per cardpeek: E0 { A0 { 82 … }, 80 …, 80 … }.
  const root = findTlv(decoded.value, 0xe0);
  if (root?.children == null) return err({ code: 'card.unreadable', detail: 'directory-shape' });
  const applications = new Map<number, Uint8Array>();
  const files: ListedFile[] = [];
  for (const object of root.children) {
    if (object.tag === 0xa0) {
      for (const app of object.children ?? []) {
        if (app.tag !== 0x82) continue;
        // 82: entry (2 bytes), 2 bytes we do not need, then the AID.
        if (app.value.length < 5) return err({ code: 'card.unreadable', detail: 'directory-app' });
        applications.set(word(app.value, 0), app.value.slice(4));
      }
    } else if (object.tag === 0x80) {
      // 80: name (8 ASCII bytes, for humans), entry (2 bytes), EF id (2 bytes).
      if (object.value.length < 12) return err({ code: 'card.unreadable', detail: 'directory-file' });
      files.push({ entry: word(object.value, 8), ef: word(object.value, 10) });
    }
  }
  return ok({ applications, files });
}

/** Decodes one 65 object into a beneficiary; a wrong NIR key keeps the person, drops the number. */
export function decodeBeneficiary(object: Tlv): VitaleBeneficiary {
  const warnings: BeneficiaryWarning[] = [];
  const rawNir = text(findChild(object, 0x93)).replace(/\s/g, '').toUpperCase();
  let nir: string | null = null;
  if (rawNir === '') warnings.push('nir.missing');
  else if (nirKeyIsValid(rawNir)) nir = rawNir;
  else warnings.push('nir.invalidKey');
  const birthDate = asciiDate(findChild(object, 0x82));
  if (birthDate === null) warnings.push('birthDate.unreadable');
  const nationality = text(findChild(object, 0x90));
  const identity: PatientIdentity = {
    surname: text(findChild(object, 0x80)),
    firstName: text(findChild(object, 0x81)),
    birthDate: birthDate ?? '',
    nir,
    source: 'card',
    // The professional is told the card's number was wrong, rather than left to think none was given.
    ...(nir === null ? { cardNirFault: rawNir === '' ? ('missing' as const) : ('invalidKey' as const) } : {}),
  };
  return { identity, nationality: nationality === '' ? null : nationality, warnings };
}

// The APDUs of the public layout, with the abort signal checked between them.
class CardIo {
  constructor(
    private readonly channel: CardChannel,
    private readonly signal: AbortSignal | undefined,
  ) {}

  // SELECT by AID (ISO 7816-4 §7.1.1, P1 04); P2 00 asks for the FCI, which T=0 hands over after 61xx.
  async selectApplication(aid: Uint8Array): Promise<Result<void, CabinError>> {
    const apdu = concatBytes([Uint8Array.of(0x00, 0xa4, 0x04, 0x00, aid.length), aid]);
    const response = await this.send(apdu);
    if (!response.ok) return response;
    if (response.value.sw !== SW_OK) return err({ code: 'card.unreadable', detail: 'no-vitale-application' });
    return ok(undefined);
  }

  // SELECT the EF (P1 02: EF under the current DF), then READ BINARY in 256-byte blocks until a short
  // block, the end of the file (6B00 / 6282), or a block of exactly the rest. Null: access refused.
  async readFile(ef: number): Promise<Result<Uint8Array | null, CabinError>> {
    const select = await this.send(Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, ef >> 8, ef & 0xff));
    if (!select.ok) return select;
    if (select.value.sw === 0x6982 || select.value.sw === 0x6a82) return ok(null);
    if (select.value.sw !== SW_OK) return err({ code: 'card.unreadable', detail: 'select-ef' });
    const blocks: Uint8Array[] = [];
    for (let offset = 0; offset <= MAX_FILE; offset += BLOCK) {
      // Le = 00 asks for 256 bytes; a shorter rest comes back as 6Cxx and the driver asks again.
      const read = await this.send(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, 0x00));
      if (!read.ok) return read;
      const { sw, data } = read.value;
      if (sw === 0x6982) return ok(null);
      if ((sw === 0x6b00 || sw === 0x6282) && offset > 0) break;
      if (sw !== SW_OK) return err({ code: 'card.unreadable', detail: 'read-binary' });
      blocks.push(data);
      if (data.length < BLOCK) break;
    }
    return ok(concatBytes(blocks));
  }

  private async send(apdu: Uint8Array): Promise<Result<{ data: Uint8Array; sw: number }, CabinError>> {
    if (this.signal?.aborted === true) return err({ code: 'card.cancelled' });
    const response = await this.channel.transmit(apdu);
    if (!response.ok) return response;
    const bytes = response.value;
    return ok({ data: bytes.subarray(0, bytes.length - 2), sw: word(bytes, bytes.length - 2) });
  }
}

function findChild(object: Tlv, tag: number): Uint8Array | undefined {
  return object.children === null ? undefined : findTlv(object.children, tag)?.value;
}

// Card text is Latin-1, padded with spaces or NULs to the field's size.
function text(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return '';
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\0\s]+$/, '')
    .trim();
}

// ASCII YYYYMMDD (cardpeek: ui_parse_asciidate) to ISO; null when it is not eight digits.
function asciiDate(bytes: Uint8Array | undefined): string | null {
  const raw = text(bytes);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  return match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
}

function word(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
