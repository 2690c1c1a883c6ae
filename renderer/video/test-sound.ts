// The test sound of the camera and microphone check: a soft two-tone chime made with Web Audio (no
// sound file), rising from G5 to C6, about one second long.

/** The chime's notes: frequency in hertz and start in seconds from the first. */
export const CHIME_NOTES: readonly { readonly frequencyHz: number; readonly atS: number }[] = [
  { frequencyHz: 784, atS: 0 },
  { frequencyHz: 1047, atS: 0.3 },
];

/** How long each note rings, in seconds. */
const NOTE_S = 0.8;

/** The loudest point of a note (a gain, 1 = full scale): clear without being harsh. */
const PEAK_GAIN = 0.35;

/** Plays the chime on `context` (resumed first: a context created before a touch starts suspended). */
export function playChime(context: AudioContext): void {
  void context.resume().catch(() => undefined);
  const start = context.currentTime + 0.05;
  for (const note of CHIME_NOTES) {
    const at = start + note.atS;
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(note.frequencyHz, at);
    const gain = context.createGain();
    // A quick attack and an exponential fade, like a bell; exponential ramps cannot reach 0.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_S + 0.05);
  }
}
