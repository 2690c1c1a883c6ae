// The cabin's printer through CUPS over IPP: Print-Job, then Get-Job-Attributes until the job ends,
// the printer's state read at each step so a printer that stops is reported at once. A retry never
// prints twice: the queue remembers, in memory, the job it created for a document and looks it up
// before sending again. Every job is purged from CUPS once it ended (Cancel-Job with purge-job), so
// neither the document nor its attributes stay in the spool.
import { createHash, randomUUID } from 'node:crypto';
import { after, err, ok, type Clock, type Result } from '../../contract';
import { IppClient, printerUri, type CupsServer } from './ipp-client';
import {
  GROUP,
  JOB_STATE,
  OPERATION,
  STATUS,
  TAG,
  ippValues,
  isSuccessful,
  type IppMessage,
} from './ipp-codec';
import type { PrintJob, PrintQueue, PrinterState } from './print-queue';
import { failureCode, printerCondition, type PrinterCondition } from './printer-condition';

/** Where and how the queue prints. */
export interface CupsQueueSettings {
  readonly server: CupsServer;
  /** The CUPS queue, or null for the server's default destination (CUPS-Get-Default). */
  readonly destination: string | null;
  /** How long a job may take from sending to its end before it is cancelled (`printer.timeout`). */
  readonly jobTimeoutMs: number;
  /** The longest pause between two looks at the job and the printer while printing (250 ms by default). */
  readonly pollMs?: number;
}

/** A job this queue created, remembered until it ended and was purged. */
interface SentJob {
  readonly jobName: string;
  readonly queue: string;
  jobId: number | null;
}

/** The printer's state as CUPS reports it, for the log and the technician's diagnosis. */
export interface CupsPrinterReport {
  readonly queue: string | null;
  readonly condition: PrinterCondition;
  readonly reasons: readonly string[];
}

/** One job waiting or printing in a queue (never its name or document). */
export interface CupsQueuedJob {
  readonly id: number;
  readonly state: number;
}

/** The first pause while a job prints; each next one is twice as long, up to `pollMs`. */
const FIRST_POLL_MS = 25;

/** How many times a job is purged before the cabin gives up (its end of session tries again). */
const PURGE_ATTEMPTS = 20;

const ENDED = new Set<number>([JOB_STATE.canceled, JOB_STATE.aborted, JOB_STATE.completed]);

/** A PrintQueue on a CUPS server, timed on `clock`. */
export class CupsPrintQueue implements PrintQueue {
  private readonly client: IppClient;
  /** Jobs created and not yet purged, by a digest of the document (never the document itself). */
  private readonly sent = new Map<string, SentJob>();

  constructor(
    private readonly settings: CupsQueueSettings,
    private readonly clock: Clock,
  ) {
    this.client = new IppClient(settings.server);
  }

  async check(): Promise<PrinterState> {
    return (await this.status()).state;
  }

  async status(): Promise<{ state: PrinterState; notice: 'lowPaper' | null }> {
    const { condition } = await this.report();
    if (condition === 'ready') return { state: 'ok', notice: null };
    if (condition === 'lowPaper') return { state: 'ok', notice: 'lowPaper' };
    return { state: condition === 'notConfigured' ? 'absent' : 'faulty', notice: null };
  }

  /** The queue's condition and reasons (`notConfigured` when there is no destination or no server). */
  async report(): Promise<CupsPrinterReport> {
    const queue = await this.queue();
    if (!queue.ok) return { queue: null, condition: queue.error, reasons: [] };
    const status = await this.printerStatus(queue.value);
    if (!status.ok) return { queue: queue.value, condition: status.error, reasons: [] };
    return { queue: queue.value, condition: printerCondition(status.value), reasons: status.value.reasons };
  }

  /** The jobs not yet ended in the queue, whoever sent them; empty when the queue cannot be read. */
  async queuedJobs(): Promise<CupsQueuedJob[]> {
    const queue = await this.queue();
    if (!queue.ok) return [];
    const reply = await this.client.send(`/printers/${encodeURIComponent(queue.value)}`, OPERATION.getJobs, [
      this.uri(queue.value),
      { name: 'which-jobs', tag: TAG.keyword, values: ['not-completed'] },
      { name: 'requested-attributes', tag: TAG.keyword, values: ['job-id', 'job-state'] },
    ]);
    if (!reply.ok || !isSuccessful(reply.value.code)) return [];
    return reply.value.groups.flatMap((group) => {
      const value = (name: string): unknown => group.attributes.find((a) => a.name === name)?.values[0];
      const id = value('job-id');
      const state = value('job-state');
      return group.tag === GROUP.job && typeof id === 'number' && typeof state === 'number'
        ? [{ id, state }]
        : [];
    });
  }

  async print(job: PrintJob, signal: AbortSignal): Promise<Result<void>> {
    const key = digest(job);
    let sent = this.sent.get(key);
    if (sent) {
      const earlier = await this.findJob(sent);
      if (earlier === null) {
        this.sent.delete(key);
        sent = undefined;
      } else if (earlier === JOB_STATE.completed) {
        await this.purge(sent);
        this.sent.delete(key);
        return ok(undefined);
      } else if (ENDED.has(earlier)) {
        await this.purge(sent);
        this.sent.delete(key);
        sent = undefined;
      }
    }
    if (!sent) {
      const created = await this.send(job);
      if (!created.ok) return created;
      sent = created.value;
      this.sent.set(key, sent);
    }
    const result = await this.follow(sent, signal);
    await this.purge(sent);
    this.sent.delete(key);
    return result;
  }

  /** Cancels and purges every job this queue created and has not purged yet (the session's end). */
  async cancelAll(): Promise<void> {
    for (const [key, sent] of [...this.sent]) {
      if (sent.jobId === null) await this.findJob(sent);
      await this.purge(sent);
      this.sent.delete(key);
    }
  }

  private async queue(): Promise<Result<string, PrinterCondition>> {
    if (this.settings.destination !== null) return ok(this.settings.destination);
    const reply = await this.client.send('/', OPERATION.cupsGetDefault, [
      { name: 'requested-attributes', tag: TAG.keyword, values: ['printer-name'] },
    ]);
    if (!reply.ok) return err('offline');
    const name = ippValues(reply.value, 'printer-name', GROUP.printer)[0];
    return isSuccessful(reply.value.code) && typeof name === 'string' ? ok(name) : err('notConfigured');
  }

  private async printerStatus(
    queue: string,
  ): Promise<Result<{ state: number; reasons: string[]; accepting: boolean }, PrinterCondition>> {
    const reply = await this.client.send(
      `/printers/${encodeURIComponent(queue)}`,
      OPERATION.getPrinterAttributes,
      [
        this.uri(queue),
        {
          name: 'requested-attributes',
          tag: TAG.keyword,
          values: ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'],
        },
      ],
    );
    if (!reply.ok) return err('offline');
    if (reply.value.code === STATUS.clientErrorNotFound) return err('notConfigured');
    if (!isSuccessful(reply.value.code)) return err('offline');
    const state = ippValues(reply.value, 'printer-state', GROUP.printer)[0];
    const accepting = ippValues(reply.value, 'printer-is-accepting-jobs', GROUP.printer)[0];
    return ok({
      state: typeof state === 'number' ? state : 0,
      reasons: ippValues(reply.value, 'printer-state-reasons', GROUP.printer).filter(
        (r): r is string => typeof r === 'string',
      ),
      accepting: accepting !== false,
    });
  }

  // Sends the document once the printer is ready: a stopped printer gets no job to keep.
  private async send(job: PrintJob): Promise<Result<SentJob>> {
    const queue = await this.queue();
    if (!queue.ok) return err({ code: `printer.${queue.error}` });
    const status = await this.printerStatus(queue.value);
    if (!status.ok) return err({ code: `printer.${status.error}` });
    const failure = failureCode(printerCondition(status.value));
    if (failure !== null) return err({ code: failure });
    // A neutral job name: CUPS shows it in its lists, so it says nothing of the patient or the document.
    const sent: SentJob = { jobName: `cabine-${randomUUID()}`, queue: queue.value, jobId: null };
    const reply = await this.client.send(
      `/printers/${encodeURIComponent(queue.value)}`,
      OPERATION.printJob,
      [
        this.uri(queue.value),
        { name: 'job-name', tag: TAG.name, values: [sent.jobName] },
        { name: 'document-format', tag: TAG.mimeMediaType, values: [job.contentType] },
      ],
      // Not aborted mid-way: a job CUPS took but whose id the cabin never heard of would be left behind.
      { data: job.content },
    );
    if (!reply.ok) {
      // The reply may be lost after CUPS took the job: remember it so that a retry looks it up first.
      this.sent.set(digest(job), sent);
      return err({ code: 'printer.offline', detail: reply.error.code });
    }
    if (reply.value.code === STATUS.serverErrorNotAcceptingJobs) return err({ code: 'printer.notAccepting' });
    const jobId = ippValues(reply.value, 'job-id', GROUP.job)[0];
    if (!isSuccessful(reply.value.code) || typeof jobId !== 'number') {
      return err({ code: 'printer.failed', detail: `status 0x${reply.value.code.toString(16)}` });
    }
    sent.jobId = jobId;
    return ok(sent);
  }

  // Waits for the job's end, the printer's troubles or the deadline, whichever comes first.
  private async follow(sent: SentJob, signal: AbortSignal): Promise<Result<void>> {
    const deadline = this.clock.now() + this.settings.jobTimeoutMs;
    // A page takes a fraction of a second: look again soon, then less often, up to pollMs.
    let pauseMs = FIRST_POLL_MS;
    for (;;) {
      if (signal.aborted) return err({ code: 'printer.failed', detail: 'cancelled' });
      const state = await this.findJob(sent);
      if (state === JOB_STATE.completed) return ok(undefined);
      const status = await this.printerStatus(sent.queue);
      const condition = status.ok ? printerCondition(status.value) : status.error;
      if (state === null || ENDED.has(state)) {
        // A job aborted by CUPS without a printer reason is a printer that did not answer (its backend failed).
        const fallback = state === JOB_STATE.aborted ? 'printer.offline' : 'printer.failed';
        return err({ code: failureCode(condition) ?? fallback, detail: `job state ${state}` });
      }
      const failure = failureCode(condition);
      // A queue that stops taking new jobs still prints the ones it has: only a stopped printer fails here.
      if (failure !== null && condition !== 'notAccepting') return err({ code: failure });
      if (this.clock.now() >= deadline) return err({ code: 'printer.timeout' });
      await this.wait(signal, pauseMs);
      pauseMs = Math.min(pauseMs * 2, this.settings.pollMs ?? 250);
    }
  }

  private wait(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        cancel();
        resolve();
      };
      const cancel = after(this.clock, ms, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  // The job's state: by its id, or by its name when the reply that carried the id was lost; null when gone.
  private async findJob(sent: SentJob): Promise<number | null> {
    if (sent.jobId === null) {
      const reply = await this.client.send(`/printers/${encodeURIComponent(sent.queue)}`, OPERATION.getJobs, [
        this.uri(sent.queue),
        { name: 'which-jobs', tag: TAG.keyword, values: ['all'] },
        { name: 'requested-attributes', tag: TAG.keyword, values: ['job-id', 'job-name'] },
      ]);
      if (!reply.ok) return null;
      sent.jobId = jobIdNamed(reply.value, sent.jobName);
      if (sent.jobId === null) return null;
    }
    const reply = await this.client.send('/jobs', OPERATION.getJobAttributes, [
      this.uri(sent.queue),
      { name: 'job-id', tag: TAG.integer, values: [sent.jobId] },
      { name: 'requested-attributes', tag: TAG.keyword, values: ['job-state', 'job-state-reasons'] },
    ]);
    if (!reply.ok || !isSuccessful(reply.value.code)) return null;
    const state = ippValues(reply.value, 'job-state', GROUP.job)[0];
    return typeof state === 'number' ? state : null;
  }

  // Cancels the job if it still runs and removes it with its files and attributes (purge-job, CUPS 2.x).
  // CUPS only cancels a job that is printing: once it is cancelled, a second purge removes it.
  private async purge(sent: SentJob): Promise<void> {
    if (sent.jobId === null) return;
    for (let attempt = 0; attempt < PURGE_ATTEMPTS; attempt++) {
      await this.client.send('/jobs', OPERATION.cancelJob, [
        this.uri(sent.queue),
        { name: 'job-id', tag: TAG.integer, values: [sent.jobId] },
        { name: 'purge-job', tag: TAG.boolean, values: [true] },
      ]);
      if ((await this.findJob(sent)) === null) return;
      await this.wait(new AbortController().signal, this.settings.pollMs ?? 250);
    }
  }

  private uri(queue: string): { name: string; tag: number; values: string[] } {
    return { name: 'printer-uri', tag: TAG.uri, values: [printerUri(this.settings.server, queue)] };
  }
}

/** The id of the job named `name` in a Get-Jobs reply (one job a group), or null. */
function jobIdNamed(reply: IppMessage, name: string): number | null {
  for (const group of reply.groups) {
    if (group.tag !== GROUP.job) continue;
    const named = group.attributes.find((a) => a.name === 'job-name')?.values[0];
    const id = group.attributes.find((a) => a.name === 'job-id')?.values[0];
    if (named === name && typeof id === 'number') return id;
  }
  return null;
}

/** A digest that tells one document from another without keeping it. */
function digest(job: PrintJob): string {
  return createHash('sha256')
    .update(job.contentType)
    .update('\0')
    .update(job.title)
    .update('\0')
    .update(job.content)
    .digest('hex');
}
