// Garbage for the parsers: fast-check arbitraries of random bytes, lines and JSON values, and of valid
// frames and messages mutated the way a noisy line, a broken device or a hostile peer mutates them; and
// the checks every parser must pass on them (an answer, never an exception; a refusal of one clear shape).
import fc from 'fast-check';
import { expect } from 'vitest';

/** Runs per property: thousands of inputs, seeded so that a failure replays the same way. */
export const GARBAGE_RUNS = 3_000;

/** fast-check parameters of every garbage property: a fixed seed, GARBAGE_RUNS runs. */
export const GARBAGE_PARAMETERS = { numRuns: GARBAGE_RUNS, seed: 1313 } as const;

/**
 * Wall time a whole property run of GARBAGE_RUNS inputs may take: generous (2 cores shared with other
 * work), but a parser that loops or backtracks without bound on one input blows it by far.
 */
export const WHOLE_RUN_BUDGET_MS = 60_000;

/** Random bytes, up to `maxLength`. */
export const bytes = (maxLength = 96): fc.Arbitrary<Uint8Array> =>
  // fast-check keeps lengths small by default; half the inputs reach the whole bound.
  fc.oneof(fc.uint8Array({ maxLength }), fc.uint8Array({ maxLength, size: 'max' }));

/** Random text of any UTF-16 code units, up to `maxLength`, short and long alike. */
export const anyText = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'binary', maxLength, size: 'max' }));

/** One edit a noisy link makes: a byte changed, one inserted, one dropped, or the rest cut off. */
type ByteEdit =
  | { readonly op: 'set' | 'insert'; readonly at: number; readonly byte: number }
  | { readonly op: 'delete' | 'cut'; readonly at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constantFrom('set' as const, 'insert' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ op: fc.constantFrom('delete' as const, 'cut' as const), at: fc.nat() }),
);

function applyEdits(original: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const out = [...original];
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.op === 'set' && at < out.length) out[at] = edit.byte;
    else if (edit.op === 'insert') out.splice(at, 0, edit.byte);
    else if (edit.op === 'delete') out.splice(at, 1);
    else if (edit.op === 'cut') out.length = at;
  }
  return Uint8Array.from(out);
}

/** One of `valid` frames, with one to four random edits (or none, a few times). */
export function mutatedBytes(valid: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(byteEdit, { minLength: 0, maxLength: 4 }))
    .map(([frame, edits]) => applyEdits(frame, edits));
}

/** Random bytes or a mutated valid frame, half and half. */
export function garbageBytes(valid: readonly Uint8Array[], maxLength = 96): fc.Arbitrary<Uint8Array> {
  return fc.oneof(bytes(maxLength), mutatedBytes(valid));
}

/** A line as a serial port at any baud rate delivers it: each byte a latin1 character. */
const latin1 = (frame: Uint8Array): string => Buffer.from(frame).toString('latin1');
const fromLatin1 = (line: string): Uint8Array => Uint8Array.from(Buffer.from(line, 'latin1'));

/** Random lines (any UTF-16, latin1 noise) or mutated valid lines. */
export function garbageLines(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    anyText(80),
    bytes(80).map(latin1),
    mutatedBytes(valid.map(fromLatin1)).map(latin1),
    // Long runs of what the patterns look for: a backtracking regular expression shows here.
    fc
      .tuple(
        fc.constantFrom(' ', '0', '9', '.', 'E', ';', '"', 'S', 'A', ','),
        fc.integer({ min: 100, max: 4_000 }),
      )
      .map(([char, n]) => char.repeat(n)),
  );
}

/** JSON values of bounded depth and size, as a hostile peer or renderer sends them. */
export const jsonGarbage: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 6 });

/** One change to a JSON document: a node replaced by garbage, a key dropped, or a key added. */
interface JsonEdit {
  readonly op: 'replace' | 'drop' | 'add';
  readonly target: number;
  readonly key: string;
  readonly value: unknown;
}

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  op: fc.constantFrom('replace' as const, 'drop' as const, 'add' as const),
  target: fc.nat(),
  key: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('__proto__', 'constructor', 'type', 'kind', 'k'.repeat(5_000)),
  ),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, '', -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 'x'.repeat(300_000)),
  ),
});

function containers(node: unknown, into: (Record<string, unknown> | unknown[])[]): void {
  if (Array.isArray(node)) {
    into.push(node);
    node.forEach((item) => containers(item, into));
  } else if (typeof node === 'object' && node !== null) {
    into.push(node as Record<string, unknown>);
    Object.values(node).forEach((item) => containers(item, into));
  }
}

function applyJsonEdit(document: unknown, edit: JsonEdit): unknown {
  const copy = structuredClone(document);
  const found: (Record<string, unknown> | unknown[])[] = [];
  containers(copy, found);
  const container = found[edit.target % Math.max(1, found.length)];
  if (container === undefined) return edit.value;
  const keys = Object.keys(container);
  const key = keys[edit.target % Math.max(1, keys.length)] ?? edit.key;
  if (Array.isArray(container)) {
    if (edit.op === 'drop') container.splice(Number(key), 1);
    else if (edit.op === 'add') container.push(edit.value);
    else container[Number(key)] = edit.value;
  } else if (edit.op === 'drop') delete container[key];
  else
    Object.defineProperty(container, edit.op === 'add' ? edit.key : key, {
      value: edit.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** One of `valid` messages with one to three random edits, or passed through its JSON text once more. */
export function mutatedJson(valid: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }))
    .map(([message, edits]) => edits.reduce(applyJsonEdit, message));
}

/** Garbage JSON, mutated valid messages, and values no JSON carries (undefined, a function, a Map…). */
export function garbageMessages(valid: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    jsonGarbage,
    mutatedJson(valid),
    fc.constantFrom(
      undefined,
      () => 1,
      new Map([['type', 'x']]),
      new Date(0),
      Symbol('s'),
      10n,
      [],
      Object.create(null),
    ),
  );
}

/** Frames as text: JSON of mutated valid messages with characters changed, and plain text noise. */
export function garbageFrames(valid: readonly unknown[]): fc.Arbitrary<string> {
  return fc.oneof(
    anyText(400),
    mutatedJson(valid).map((message) => JSON.stringify(message) ?? 'undefined'),
    mutatedBytes(valid.map((message) => Buffer.from(JSON.stringify(message)))).map((frame) =>
      Buffer.from(frame).toString('utf8'),
    ),
    // Deep nesting, the cheapest way to make a recursive parser overflow its stack.
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  );
}

/**
 * Checks a parser's answer is a Result of the contract's shape: `{ok: true, value}` or a refusal
 * `{ok: false, error: {code, detail?}}` with a non-empty code and a short detail (it goes to the log).
 */
export function expectResult(result: unknown): void {
  expect(result).toBeTypeOf('object');
  const answer = result as { ok?: unknown; value?: unknown; error?: unknown };
  if (answer.ok === true) {
    expect(Object.keys(answer).sort()).toEqual(['ok', 'value']);
    return;
  }
  expect(answer.ok).toBe(false);
  expectRefusal(answer.error);
}

/** Checks one refusal: `{code, detail?}` (and the protocol's requestId), code non-empty, detail bounded. */
export function expectRefusal(error: unknown): void {
  expect(error).toBeTypeOf('object');
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  expect(code).toBeTypeOf('string');
  expect((code as string).length).toBeGreaterThan(0);
  if (detail !== undefined) {
    expect(detail).toBeTypeOf('string');
    expect((detail as string).length).toBeLessThanOrEqual(240);
  }
}

/** Runs a synchronous property with the garbage parameters, within the whole-run wall-time budget. */
export function checkGarbage<T>(input: fc.Arbitrary<T>, check: (value: T) => void): void {
  const started = performance.now();
  fc.assert(
    fc.property(input, (value) => {
      check(value);
    }),
    GARBAGE_PARAMETERS,
  );
  expect(performance.now() - started).toBeLessThan(WHOLE_RUN_BUDGET_MS);
}

/** Runs an asynchronous property (a card, a raw exchange) with fewer runs, within the same budget. */
export async function checkGarbageAsync<T>(
  input: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  numRuns = GARBAGE_RUNS / 3,
): Promise<void> {
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(input, async (value) => {
      await check(value);
    }),
    { ...GARBAGE_PARAMETERS, numRuns },
  );
  expect(performance.now() - started).toBeLessThan(WHOLE_RUN_BUDGET_MS);
}
