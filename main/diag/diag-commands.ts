// The registry of technician commands, one entry a command file.
import { cardCommand } from './card-command';
import { listCommand, monitorCommand, readCommand } from './device-commands';
import type { DiagCommand } from './diag-command';
import { hashPinCommand } from './hash-pin-command';
import { instrumentsCommand } from './instruments-command';
import { calibrateCommand, recordsCommand } from './maintenance-commands';
import { payCommand, terminalCommand } from './payment-commands';
import { printCommand, printerCommand } from './printer-commands';

/** Every `npm run diag` command by name. */
export const DIAG_COMMANDS: Readonly<Record<string, DiagCommand>> = {
  card: cardCommand,
  list: listCommand,
  read: readCommand,
  monitor: monitorCommand,
  printer: printerCommand,
  print: printCommand,
  'hash-pin': hashPinCommand,
  calibrate: calibrateCommand,
  records: recordsCommand,
  terminal: terminalCommand,
  pay: payCommand,
  instruments: instrumentsCommand,
};
