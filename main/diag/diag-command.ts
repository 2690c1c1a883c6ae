// The shape of one technician command of `npm run diag`.

/** A technician command: its usage line and its run function, answering the process exit code. */
export interface DiagCommand {
  readonly usage: string;
  run(args: readonly string[]): Promise<number>;
}
