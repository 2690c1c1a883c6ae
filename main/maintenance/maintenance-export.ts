// The technician's export to a USB stick or a folder: the maintenance register, the device list and the
// operation log, in a new folder `cabine-export-<date-time>`. Never patient data: the register names
// devices and technicians, the device list leaves out the last frames (they hold the last patient's
// values), and the operation log holds codes and numbers only (main/log/README.md).
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  err,
  ok,
  type DeviceReport,
  type ExportSummary,
  type MaintenanceRecord,
  type Result,
} from '../../contract';
import { LOG_FILE_NAME } from '../log';

/** What an export writes. */
export interface ExportContent {
  readonly records: readonly MaintenanceRecord[];
  readonly devices: readonly DeviceReport[];
  /** The folder of the operation log's files (config.logDirectory). */
  readonly logDirectory: string;
  /** Epoch ms, for the folder's name. */
  readonly at: number;
}

/**
 * Writes the export into a new folder under `directory`; `export.directoryMissing` when it does not exist
 * (the stick is not mounted), `export.notWritable` when it cannot be written (read-only, full, refused).
 */
export async function writeMaintenanceExport(
  directory: string,
  content: ExportContent,
): Promise<Result<ExportSummary>> {
  const found = await stat(directory).catch(() => null);
  if (found === null) return err({ code: 'export.directoryMissing', detail: directory });
  if (!found.isDirectory()) return err({ code: 'export.notADirectory', detail: directory });
  try {
    await access(directory, constants.W_OK);
  } catch {
    return err({ code: 'export.notWritable', detail: directory });
  }
  try {
    const folder = await newFolder(directory, content.at);
    const files: string[] = [];
    const register = content.records.map((record) => `${JSON.stringify(record)}\n`).join('');
    await writeFile(join(folder, 'register.jsonl'), register);
    files.push('register.jsonl');
    // The last frames are left out: a scale's or an oximeter's last frame is the last patient's value.
    const devices = content.devices.map((device) => ({ ...device, lastFrames: [] }));
    await writeFile(join(folder, 'devices.json'), `${JSON.stringify(devices, null, 2)}\n`);
    files.push('devices.json');
    let logLines = 0;
    for (const name of await logFiles(content.logDirectory)) {
      await copyFile(join(content.logDirectory, name), join(folder, name));
      files.push(name);
      const text = await readFile(join(folder, name), 'utf8');
      logLines += text.split('\n').filter((line) => line.trim() !== '').length;
    }
    return ok({ directory: folder, files, records: content.records.length, logLines });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    return err({ code: code === 'ENOSPC' ? 'export.diskFull' : 'export.notWritable', detail: code });
  }
}

// cabin.log and its rotated files, oldest first; none when the log folder does not exist yet.
async function logFiles(logDirectory: string): Promise<string[]> {
  const names = await readdir(logDirectory).catch(() => [] as string[]);
  const index = (name: string): number =>
    name === LOG_FILE_NAME ? 0 : Number(name.slice(LOG_FILE_NAME.length + 1));
  return names
    .filter((name) => name === LOG_FILE_NAME || /^cabin\.log\.\d+$/.test(name))
    .sort((a, b) => index(b) - index(a));
}

// `cabine-export-2026-12-05T09-30-00Z`, with `-2`, `-3`… when an export of the same second exists.
async function newFolder(directory: string, at: number): Promise<string> {
  const stamp = new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  for (let attempt = 1; ; attempt += 1) {
    const folder = join(directory, `cabine-export-${stamp}${attempt === 1 ? '' : `-${attempt}`}`);
    try {
      await mkdir(folder);
      return folder;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
  }
}
