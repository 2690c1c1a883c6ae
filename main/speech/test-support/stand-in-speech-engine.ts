// The stand-in speech engine as the cabin's configuration would name it: plain Node running the small
// program below (`node -e`), through the real child-process adapter.
import type { SpeechEngineCommand } from '../line-protocol-speech-to-text';

/** The stand-in engine's program, run with `node -e`. */
const STAND_IN_ENGINE_SCRIPT = String.raw`
// A stand-in for an offline speech engine, speaking the cabin's line protocol: raw PCM (16-bit mono)
// on stdin, JSON lines on stdout. Loud audio counts as speech: after each 0.1 s of it a partial text
// grows by one word; after 0.5 s the sentence is finished. Silence counts for nothing.
//   --sentence=<words>   the sentence it "hears" (default: "Bonjour, je suis le docteur Martin.")
//   --crash-after=<n>    exits with status 3 after n bytes of audio (an engine that dies mid-call)
const option = (name) => process.argv.find((arg) => arg.startsWith('--' + name + '='))?.slice(name.length + 3);
const words = (option('sentence') ?? 'Bonjour, je suis le docteur Martin.').split(' ');
const crashAfter = Number(option('crash-after') ?? Infinity);
const rate = Number(process.env.CABINE_SPEECH_SAMPLE_RATE ?? '16000');
const PARTIAL_BYTES = (rate * 2) / 10;
const SENTENCE_BYTES = (rate * 2) / 2;
// The amplitude below which a sample counts as silence (about -40 dBFS).
const SILENCE = 330;

let received = 0;
let speech = 0;
let pending = Buffer.alloc(0);
// Like a real engine's chatter: the cabin must never copy it anywhere.
process.stderr.write('stand-in engine: listening\n');

/** Hears one window of 0.1 s: loud when a quarter of its samples are. */
function hear(window) {
  let loud = 0;
  for (let i = 0; i < window.length; i += 2) if (Math.abs(window.readInt16LE(i)) > SILENCE) loud += 2;
  if (loud * 4 < window.length) return;
  speech += window.length;
  if (speech >= SENTENCE_BYTES) {
    process.stdout.write(JSON.stringify({ text: words.join(' ') }) + '\n');
    speech = 0;
    return;
  }
  const count = Math.max(1, Math.round((speech / SENTENCE_BYTES) * words.length));
  process.stdout.write(JSON.stringify({ partial: words.slice(0, count).join(' ') }) + '\n');
}

process.stdin.on('data', (chunk) => {
  received += chunk.length;
  if (received > crashAfter) process.exit(3);
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= PARTIAL_BYTES) {
    hear(pending.subarray(0, PARTIAL_BYTES));
    pending = pending.subarray(PARTIAL_BYTES);
  }
});
process.stdin.on('end', () => process.exit(0));
`;

/** The command that runs the stand-in engine; `crashAfterBytes` makes it die after that much audio. */
export function standInEngine(
  options: { readonly crashAfterBytes?: number; readonly sentence?: string } = {},
): SpeechEngineCommand {
  return {
    command: process.execPath,
    args: [
      '-e',
      STAND_IN_ENGINE_SCRIPT,
      '--',
      ...(options.crashAfterBytes === undefined ? [] : [`--crash-after=${options.crashAfterBytes}`]),
      ...(options.sentence === undefined ? [] : [`--sentence=${options.sentence}`]),
    ],
    model: '',
  };
}

/** `seconds` of a loud 440 Hz tone as 16 kHz mono s16le PCM: what the stand-in engine hears as speech. */
export function loudSpeech(seconds: number, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    pcm.writeInt16LE(Math.round(12_000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  }
  return pcm;
}
