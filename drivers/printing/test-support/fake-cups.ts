// An in-process IPP server on a Unix socket for the queue's unit tests: a ready printer whose jobs
// stay `processing` until a test ends them, and a record of each operation received.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GROUP,
  JOB_STATE,
  OPERATION,
  PRINTER_STATE,
  STATUS,
  TAG,
  decodeIpp,
  encodeIpp,
  ippValues,
} from '../ipp-codec';

/** A fake CUPS: its socket, the operations it received, and its one queue's jobs. */
export interface FakeCups {
  readonly socket: string;
  /** Operation ids received, in order, with the purge-job flag of each Cancel-Job. */
  readonly received: { operation: number; purge?: boolean }[];
  /** Job states by id; a test sets a state to end a job, deletes it to make it vanish. */
  readonly jobs: Map<number, number>;
  close(): Promise<void>;
}

/** Starts a fake CUPS whose queue `cabine` is idle and accepting. */
export async function startFakeCups(): Promise<FakeCups> {
  const dir = mkdtempSync(join(tmpdir(), 'cabine-fake-cups-'));
  const socket = join(dir, 'cups.sock');
  const received: FakeCups['received'] = [];
  const jobs = new Map<number, number>();
  let nextJob = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = decodeIpp(new Uint8Array(Buffer.concat(chunks)));
      if (!request.ok) throw new Error(request.error.code);
      const operation = request.value.code;
      const jobId = ippValues(request.value, 'job-id')[0];
      let status: number = STATUS.successfulOk;
      const attributes = [];
      let group: number = GROUP.job;
      if (operation === OPERATION.getPrinterAttributes) {
        group = GROUP.printer;
        attributes.push(
          { name: 'printer-state', tag: TAG.enum, values: [PRINTER_STATE.idle] },
          { name: 'printer-state-reasons', tag: TAG.keyword, values: ['none'] },
          { name: 'printer-is-accepting-jobs', tag: TAG.boolean, values: [true] },
        );
      } else if (operation === OPERATION.printJob) {
        const id = nextJob++;
        jobs.set(id, JOB_STATE.processing);
        attributes.push({ name: 'job-id', tag: TAG.integer, values: [id] });
      } else if (operation === OPERATION.getJobAttributes && typeof jobId === 'number') {
        const state = jobs.get(jobId);
        if (state === undefined) status = STATUS.clientErrorNotFound;
        else attributes.push({ name: 'job-state', tag: TAG.enum, values: [state] });
      } else if (operation === OPERATION.cancelJob && typeof jobId === 'number') {
        const purge = ippValues(request.value, 'purge-job')[0] === true;
        received.push({ operation, purge });
        if (purge) jobs.delete(jobId);
        else jobs.set(jobId, JOB_STATE.canceled);
      }
      if (operation !== OPERATION.cancelJob) received.push({ operation });
      const reply = encodeIpp({
        version: [1, 1],
        code: status,
        requestId: request.value.requestId,
        groups: [
          {
            tag: GROUP.operation,
            attributes: [
              { name: 'attributes-charset', tag: TAG.charset, values: ['utf-8'] },
              { name: 'attributes-natural-language', tag: TAG.naturalLanguage, values: ['en'] },
            ],
          },
          ...(attributes.length > 0 ? [{ tag: group, attributes }] : []),
        ],
      });
      res.writeHead(200, { 'content-type': 'application/ipp' }).end(Buffer.from(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    socket,
    received,
    jobs,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
