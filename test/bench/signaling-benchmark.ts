// The platform's signaling capacity: how many concurrent calls it relays before the 95th percentile of
// its message latency passes 100 ms. The platform runs as its own process (bench-platform.ts); this
// process plays every cabin and every doctor over real WebSockets on loopback. Each call exchanges 20
// signaling messages a second (10 each way, ICE candidates as during a call set-up or an ICE restart);
// latency is from the sender's `send` to the other side's `message`, both in this process. The load
// generator shares the machine's 2 cores with the platform, so the figure is a lower bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { socketUrl, tokenFor } from '../../platform/server/test-support/test-peer';

/** The call counts tried, in order, until the threshold is passed. */
const STEPS = [10, 25, 50, 100, 200, 400, 600, 800, 1200, 1600, 2400, 3200];
const THRESHOLD_MS = 100;
const MEASURE_MS = 3_000;
const MESSAGES_PER_SIDE_PER_SECOND = 10;

interface BenchCall {
  readonly sessionId: string;
  readonly cabin: LoadClient;
  readonly doctor: LoadClient;
}

const latencies: number[] = [];
let measuring = false;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function startPlatformProcess(count: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'bench-platform.ts'), String(count)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`bench platform exited (${String(code)})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const ready = /^PLATFORM_READY (\S+)$/.exec(line);
      if (ready?.[1]) done({ child, url: ready[1] });
    });
  });
}

/** A load client: as light as possible (no validation, no history), so that the platform is what is measured. */
interface LoadClient {
  readonly socket: WebSocket;
  request(message: Record<string, unknown>): Promise<Record<string, unknown>>;
}

// Connects and says hello; replies are matched by requestId; every relayed signal carries its send
// time, and its arrival adds one latency to the sample.
function connect(url: string, hello: Record<string, unknown>): Promise<LoadClient> {
  const socket = new WebSocket(socketUrl(url));
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  let nextId = 1;
  return new Promise((done, fail) => {
    socket.once('error', fail);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', ...hello })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (message.type === 'welcome') {
        done({
          socket,
          request: (body) =>
            new Promise((answer) => {
              const requestId = nextId++;
              pending.set(requestId, answer);
              socket.send(JSON.stringify({ ...body, requestId }));
            }),
        });
      } else if (message.type === 'reply') {
        pending.get(message.requestId as number)?.(message);
        pending.delete(message.requestId as number);
      } else if (message.type === 'signal' && measuring) {
        const payload = message.payload as { candidate: { candidate: string } };
        latencies.push(performance.now() - Number(payload.candidate.candidate.split(' ')[1]));
      }
    });
  });
}

async function openCall(url: string, index: number): Promise<BenchCall> {
  const sessionId = `bench-session-${index}`;
  const token = await tokenFor(url, `bench-doctor-${index}`, 'bench-password');
  const doctor = await connect(url, { role: 'practitioner', token });
  const cabin = await connect(url, {
    role: 'cabin',
    cabinId: `bench-cabin-${index}`,
    credential: `bench-credential-${index}`,
  });
  await cabin.request({
    type: 'queue.join',
    sessionId,
    profession: 'doctor',
    appointmentCode: null,
    patient: { surname: 'BENCH', firstName: 'Patient', birthDate: '1950-01-01', nir: null, source: 'manual' },
    visit: { locale: 'fr', cover: null },
    billing: {
      surname: 'BENCH',
      firstName: 'Patient',
      nir: null,
      nirStatus: 'missing',
      insured: 'notSaid',
      birthDate: '1950-01-01',
      source: 'manual',
      cover: {
        carePath: 'notAsked',
        longTermCondition: null,
        maternity: null,
        solidarityCover: null,
        minor: false,
      },
    },
    measurements: [],
  });
  const accepted = await doctor.request({ type: 'call.accept', sessionId });
  if ((accepted.result as { ok: boolean }).ok !== true)
    throw new Error(`accept refused: ${JSON.stringify(accepted.result)}`);
  await cabin.request({ type: 'call.join', sessionId });
  return { sessionId, cabin, doctor };
}

function signal(client: LoadClient, sessionId: string): void {
  client.socket.send(
    JSON.stringify({
      type: 'signal',
      sessionId,
      payload: {
        kind: 'candidate',
        candidate: {
          candidate: `candidate:bench ${performance.now()} 1 udp 2122260223 127.0.0.1 50000 typ host`,
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      },
    }),
  );
}

// Sends each call's messages spread over ten slices of every 100 ms, so the load is even, not bursts.
async function measure(calls: readonly BenchCall[]): Promise<{ p50: number; p95: number; count: number }> {
  latencies.length = 0;
  measuring = true;
  const slices = 10;
  const perSlice = Math.ceil(calls.length / slices);
  let slice = 0;
  const timer = setInterval(
    () => {
      const from = (slice % slices) * perSlice;
      for (const call of calls.slice(from, from + perSlice)) {
        signal(call.cabin, call.sessionId);
        signal(call.doctor, call.sessionId);
      }
      slice += 1;
    },
    1000 / MESSAGES_PER_SIDE_PER_SECOND / slices,
  );
  await new Promise((done) => setTimeout(done, MEASURE_MS));
  clearInterval(timer);
  await new Promise((done) => setTimeout(done, 300));
  measuring = false;
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), count: latencies.length };
}

/** Runs the capacity search and answers the lines to print. */
export async function benchmarkSignalingCapacity(): Promise<string[]> {
  const maxCalls = STEPS[STEPS.length - 1] ?? 0;
  const { child, url } = await startPlatformProcess(maxCalls);
  const calls: BenchCall[] = [];
  const lines: string[] = [];
  let lastUnder: number | null = null;
  let firstOver: { calls: number; p95: number } | null = null;
  try {
    for (const target of STEPS) {
      while (calls.length < target) calls.push(await openCall(url, calls.length));
      const { p50, p95, count } = await measure(calls);
      lines.push(
        `  ${String(target).padStart(5)} calls, ${(target * 2 * MESSAGES_PER_SIDE_PER_SECOND).toLocaleString('en')} msg/s: ` +
          `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${count} messages)`,
      );
      if (p95 > THRESHOLD_MS) {
        firstOver = { calls: target, p95 };
        break;
      }
      lastUnder = target;
    }
  } finally {
    for (const call of calls) {
      call.cabin.socket.terminate();
      call.doctor.socket.terminate();
    }
    child.kill('SIGTERM');
  }
  const verdict =
    firstOver === null
      ? `p95 stayed under ${THRESHOLD_MS} ms up to ${String(lastUnder)} concurrent calls (the most tried)`
      : `p95 passes ${THRESHOLD_MS} ms at ${firstOver.calls} calls (${firstOver.p95.toFixed(1)} ms); capacity ${String(lastUnder ?? 0)} concurrent calls`;
  return [`platform signaling capacity (20 signaling messages a second per call): ${verdict}`, ...lines];
}
