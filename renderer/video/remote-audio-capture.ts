// Listens to the professional's voice as it arrives in the call (the remote stream's audio) for the
// live subtitles: Web Audio taps the stream without playing it twice, and each 200 ms of it goes out
// as 16 kHz mono s16le in base64. The audio is handed on, never kept.
import { Downsampler, mixToMono, PcmFramer, pcm16ToBase64 } from './pcm-encoding';

/** Samples per ScriptProcessor callback: about 85 ms at 48 kHz. */
const PROCESSOR_BUFFER = 4096;

/**
 * Starts sending the audio of `stream` through `context` to `onFrame` (base64 PCM, one frame per call);
 * answers the function that stops it. A stream without audio sends nothing.
 */
export function captureRemoteAudio(
  context: AudioContext,
  stream: MediaStream,
  onFrame: (pcmBase64: string) => void,
): () => void {
  if (stream.getAudioTracks().length === 0) return () => undefined;
  // Chromium feeds a remote WebRTC stream to Web Audio only while a media element plays it too: the
  // consultation's remote video element does (unmuted), which is what the patient hears.
  const source = context.createMediaStreamSource(stream);
  // A ScriptProcessor rather than an AudioWorklet: no module to load under the kiosk's content policy.
  const processor = context.createScriptProcessor(PROCESSOR_BUFFER, 2, 1);
  // The processor runs only when connected to the output; a silent gain keeps the voice from playing twice.
  const silent = context.createGain();
  silent.gain.value = 0;
  const downsampler = new Downsampler(context.sampleRate);
  const framer = new PcmFramer((frame) => onFrame(pcm16ToBase64(frame)));
  processor.onaudioprocess = (event: AudioProcessingEvent) => {
    const { inputBuffer } = event;
    const channels: Float32Array[] = [];
    for (let c = 0; c < inputBuffer.numberOfChannels; c += 1) channels.push(inputBuffer.getChannelData(c));
    framer.push(downsampler.push(mixToMono(channels)));
  };
  source.connect(processor);
  processor.connect(silent);
  silent.connect(context.destination);
  void context.resume().catch(() => undefined);
  return () => {
    processor.onaudioprocess = null;
    source.disconnect();
    processor.disconnect();
    silent.disconnect();
  };
}
