// The speech engine the configuration names, checked at start: an engine or a model that is not
// there is a clear fault in the log, and the cabin then simply does not offer subtitles.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { CabinConfig } from '../config';
import type { OperationLog } from '../log';
import { LineProtocolSpeechToText } from './line-protocol-speech-to-text';
import type { SpeechToText } from './speech-to-text';

/** Whether `command` is an executable file, as a path or found on PATH. */
function isExecutable(command: string): boolean {
  const candidates = isAbsolute(command)
    ? [command]
    : (process.env.PATH ?? '').split(delimiter).map((folder) => join(folder, command));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The configured engine, or null when subtitles are off or the engine or its model is missing (logged). */
export function speechEngineForConfig(
  subtitles: CabinConfig['subtitles'],
  log: OperationLog,
): SpeechToText | null {
  if (!subtitles.enabled) return null;
  if (!isExecutable(subtitles.command)) {
    log.error('subtitles.engineMissing', { command: subtitles.command.slice(0, 200) });
    return null;
  }
  if (subtitles.model !== '' && !existsSync(subtitles.model)) {
    log.error('subtitles.modelMissing', { model: subtitles.model.slice(0, 200) });
    return null;
  }
  log.info('subtitles.engineReady');
  return new LineProtocolSpeechToText(subtitles);
}
