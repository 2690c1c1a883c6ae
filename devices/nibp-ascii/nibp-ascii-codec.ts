// OEM NIBP module, ASCII protocol (Sinnor N6 / UN300C family), serial 4800 8N1 (DEVICES.md, blood
// pressure 1). Command: STX, two-digit code, `;;`, checksum as two upper-case hex digits (sum of the ASCII
// bytes of the code and `;;`), ETX, CR; stop is the bare `X\r`. While inflating the module streams
// STX `ppp` `C<error>` `S<status>` ETX CR; a pressure of 999 closes the cycle (tincho77/NIBP-ABATON
// `sketch_aug26a.ino` waits for it before asking `18`). Result: STX
// `S<status>;A<mode>;C<cycle 2>;M<message 2>;P<sys 3><dia 3><map 3>;R<pulse 3>;T<time 4>` ETX CR.
// Learnt from the public Arduino library NIBP_SINNOR_N6 and NIBP-ABATON. Pure.
import { err, ok, type Result } from '../../contract';

/** Command codes of the module (DEVICES.md). */
export const NIBP_COMMANDS = {
  start: '01',
  manometer: '14',
  pneumaticTest: '17',
  getResult: '18',
  adult: '24',
  neonate: '25',
} as const;

/** A command code of the module. */
export type NibpCommandCode =
  (typeof NIBP_COMMANDS)[keyof typeof NIBP_COMMANDS] | '19' | '20' | '21' | '22' | '23';

/** The stop command: a bare `X` and CR, no framing. */
export const NIBP_STOP = Uint8Array.of(0x58, 0x0d);

/**
 * The status digit of a cuff pressure line, as the module sends it (NIBP_SINNOR_N6 `NIBP_RESULT_STATUS_*`):
 * 3 measuring, 4 manometer mode, 5 watchdog test, 7 pneumatic check. The cabin reads the pressure and the
 * error digit, never the status, so an unknown status is no refusal.
 */
export const NIBP_CUFF_STATUS = {
  measuring: '3',
  manometer: '4',
  watchdogTest: '5',
  pneumaticCheck: '7',
} as const;

/**
 * The error digit of a cuff pressure line (NIBP_SINNOR_N6 `NIBP_RESULT_ERROR_*`): 0 none, 1 neonatal cuff
 * in adult mode, 2 adult cuff in neonatal mode. Any digit but 0 stops the measurement as a device error.
 */
export const NIBP_CUFF_ERROR = { none: '0', neonatalCuff: '1', adultCuff: '2' } as const;

/** Cuff pressure that closes a measurement cycle. */
export const NIBP_END_OF_CYCLE = 999;

/** One decoded NIBP line: a live cuff pressure, a result, or (simulator side) a host command. */
export type NibpFrame =
  | {
      readonly type: 'cuffPressure';
      readonly pressureMmHg: number;
      readonly error: string;
      readonly status: string;
    }
  | {
      readonly type: 'result';
      readonly status: string;
      readonly mode: string;
      readonly cycle: number;
      /** 00 no error, 01 neonatal cuff in adult mode; others are in the module's manual. */
      readonly message: string;
      readonly systolic: number;
      readonly diastolic: number;
      readonly meanArterial: number;
      readonly pulse: number;
      readonly timeSeconds: number;
    }
  | { readonly type: 'command'; readonly code: string }
  | { readonly type: 'stop' };

/** The checksum of a command: sum of the ASCII bytes of the code and `;;`, two upper-case hex digits. */
export function nibpChecksum(body: string): string {
  let sum = 0;
  for (const char of body) sum += char.charCodeAt(0);
  return (sum & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

/** Encodes a command frame, e.g. start → `\x0201;;D7\x03\r`. */
export function encodeNibpCommand(code: NibpCommandCode): Uint8Array {
  const body = `${code};;`;
  return Uint8Array.from(Buffer.from(`\x02${body}${nibpChecksum(body)}\x03\r`, 'latin1'));
}

/** Decodes one line (CR removed; STX and ETX optional); `nibp.unreadable` or `nibp.badChecksum` otherwise. */
export function decodeNibpAscii(line: string): Result<NibpFrame> {
  // STX and ETX framing bytes, when the line framer leaves them in.
  const text = line.startsWith('\x02') ? line.slice(1) : line;
  const body = text.endsWith('\x03') ? text.slice(0, -1) : text;
  const unreadable = () => err({ code: 'nibp.unreadable', detail: JSON.stringify(line.slice(0, 60)) });
  if (body === 'X') return ok({ type: 'stop' });
  let m = /^(\d{3})C(.)S(.)$/.exec(body);
  if (m !== null)
    return ok({ type: 'cuffPressure', pressureMmHg: Number(m[1]), error: m[2] ?? '', status: m[3] ?? '' });
  m = /^S(.);A(.);C(\d{2});M(\d{2});P(\d{3})(\d{3})(\d{3});R(\d{3});T(\d{4})$/.exec(body);
  if (m !== null) {
    const [, status, mode, cycle, message, sys, dia, map, pulse, time] = m as unknown as string[];
    return ok({
      type: 'result',
      status: status ?? '',
      mode: mode ?? '',
      cycle: Number(cycle),
      message: message ?? '',
      systolic: Number(sys),
      diastolic: Number(dia),
      meanArterial: Number(map),
      pulse: Number(pulse),
      timeSeconds: Number(time),
    });
  }
  m = /^(\d{2});;([0-9A-F]{2})$/.exec(body);
  if (m !== null) {
    const code = m[1] ?? '';
    if (nibpChecksum(`${code};;`) !== m[2]) return err({ code: 'nibp.badChecksum', detail: body });
    return ok({ type: 'command', code });
  }
  return unreadable();
}

/** Encodes a cuff pressure line as the module streams it (status 3: measuring, by default). */
export function encodeNibpCuffPressure(
  pressureMmHg: number,
  error: string = NIBP_CUFF_ERROR.none,
  status: string = NIBP_CUFF_STATUS.measuring,
): string {
  return `\x02${String(Math.max(0, Math.min(999, Math.round(pressureMmHg)))).padStart(3, '0')}C${error}S${status}\x03\r`;
}

/** Encodes a result line as the module sends it on `18`. */
export function encodeNibpResult(values: {
  systolic: number;
  diastolic: number;
  meanArterial: number;
  pulse: number;
  message?: string;
  timeSeconds?: number;
}): string {
  const n = (value: number, width: number) => String(Math.round(value)).padStart(width, '0');
  return (
    `\x02S0;A0;C00;M${values.message ?? '00'};P${n(values.systolic, 3)}${n(values.diastolic, 3)}${n(values.meanArterial, 3)}` +
    `;R${n(values.pulse, 3)};T${n(values.timeSeconds ?? 35, 4)}\x03\r`
  );
}
