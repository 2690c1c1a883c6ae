// What the platform (and so the professional's console) learns of what the cabin receives.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import type { MediaReception } from '../../contract/platform-protocol';
import { FakeMediaSignaling, settle } from '../test-support/fake-media-signaling';
import { RECEPTION_INTERVAL_MS, ReceptionMonitor, readReceptionCounters } from './reception-monitor';

/** A statistics report with one inbound video and one inbound audio stream. */
function report(framesDecoded: number, packetsReceived: number): RTCStatsReport {
  return new Map<string, unknown>([
    ['in-video', { type: 'inbound-rtp', kind: 'video', framesDecoded }],
    ['in-audio', { type: 'inbound-rtp', kind: 'audio', packetsReceived }],
    ['out-video', { type: 'outbound-rtp', kind: 'video', framesEncoded: 999 }],
  ]);
}

function monitored(readings: (RTCStatsReport | null)[]) {
  const signaling = new FakeMediaSignaling();
  const clock = new ManualClock();
  const frames: number[] = [];
  const monitor = new ReceptionMonitor({
    readStats: () => Promise.resolve(readings.shift() ?? null),
    send: (message) => signaling.send(message),
    onFramesDecoded: (count) => frames.push(count),
    clock,
  });
  const reports = (): MediaReception[] =>
    signaling.sent.flatMap((message) => (message.kind === 'reception' ? [message.reception] : []));
  return { monitor, signaling, clock, frames, reports };
}

async function tick(clock: ManualClock, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    clock.increment(RECEPTION_INTERVAL_MS);
    await settle();
  }
}

describe('reception monitor', () => {
  it('reads only inbound streams', () => {
    expect(readReceptionCounters(report(30, 100))).toEqual({ framesDecoded: 30, audioReceived: 100 });
  });

  it('reports sound and video once both keep arriving, and only when that changes', async () => {
    const { monitor, clock, frames, reports } = monitored([
      report(0, 0),
      report(0, 50),
      report(25, 100),
      report(50, 150),
      report(50, 200), // the video froze
    ]);
    monitor.start();
    await tick(clock, 5);
    expect(reports()).toEqual([
      { audio: true, video: false },
      { audio: true, video: true },
      { audio: true, video: false },
    ]);
    expect(frames).toEqual([0, 0, 25, 50, 50]);
  });

  it('sends a report again when the first one did not get through', async () => {
    const { monitor, signaling, clock, reports } = monitored([report(0, 0), report(10, 10), report(20, 20)]);
    signaling.nextResult = { ok: false, error: { code: 'transport.unavailable' } };
    monitor.start();
    await tick(clock, 2);
    signaling.nextResult = { ok: true, value: null };
    await tick(clock, 1);
    expect(reports()).toEqual([
      { audio: true, video: true },
      { audio: true, video: true },
    ]);
  });

  it('stops reading when stopped', async () => {
    const { monitor, clock, reports } = monitored([report(0, 0), report(10, 10)]);
    monitor.start();
    monitor.stop();
    await tick(clock, 2);
    expect(reports()).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});
