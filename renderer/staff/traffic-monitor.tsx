// The raw traffic of one device, as the technician watches it: asked every second since the last entry
// seen, shown as hex lines with direction and time, newest at the bottom, the oldest dropped past a cap.
import { useEffect, useRef, useState } from 'react';
import { every } from '../../contract/clock';
import type { MeasurementKind } from '../../contract/domain';
import type { TrafficEntry } from '../../contract/maintenance';
import { ActionButton } from '../components/action-button';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import type { StaffRun } from './staff-panel';
import { formatPreciseTime } from './staff-format';

/** How often the monitor asks for new traffic. */
export const TRAFFIC_POLL_MS = 1000;

/** The most lines the monitor keeps on screen. */
export const TRAFFIC_MAX_LINES = 200;

/** Props of TrafficMonitor. */
export interface TrafficMonitorProps {
  readonly run: StaffRun;
  readonly kind: MeasurementKind;
  readonly onStop: () => void;
}

/** The monitor (`traffic-monitor`, lines `traffic-line` with `data-direction`), polling on the page's clock. */
export function TrafficMonitor({ run, kind, onStop }: TrafficMonitorProps) {
  const { strings } = useUi();
  const s = strings.technician;
  const { clock } = useMediaEnvironment();
  const [lines, setLines] = useState<readonly TrafficEntry[]>([]);
  const since = useRef(0);
  const asking = useRef(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    since.current = clock.now();
    setLines([]);
    let live = true;
    const poll = (): void => {
      if (asking.current) return;
      asking.current = true;
      void run({ type: 'technician.traffic', peripheral: kind, sinceMs: since.current })
        .then((result) => {
          if (!live || !result.ok || result.value.length === 0) return;
          // The next ask starts just after the newest entry seen, so nothing comes twice.
          since.current = Math.max(...result.value.map((entry) => entry.atMs)) + 1;
          setLines((old) => [...old, ...result.value].slice(-TRAFFIC_MAX_LINES));
        })
        .finally(() => {
          asking.current = false;
        });
    };
    const stop = every(clock, TRAFFIC_POLL_MS, poll);
    return () => {
      live = false;
      stop();
    };
  }, [run, kind, clock]);

  useEffect(() => {
    const element = list.current?.lastElementChild;
    if (element != null && 'scrollIntoView' in element) element.scrollIntoView({ block: 'nearest' });
  }, [lines]);

  return (
    <section className="traffic-monitor" data-testid="traffic-monitor" data-device={kind}>
      <h2 className="section-title">
        {fill(s.trafficTitle, { device: strings.attendant.peripherals[kind] })}
      </h2>
      {lines.length === 0 && <p className="field-hint">{s.trafficEmpty}</p>}
      <ol className="traffic-lines" ref={list}>
        {lines.map((entry, index) => (
          <li key={`${entry.atMs}-${index}`} data-testid="traffic-line" data-direction={entry.direction}>
            <time>{formatPreciseTime(entry.atMs)}</time>{' '}
            <span className="traffic-direction">{s.directions[entry.direction]}</span>{' '}
            <code>{hexPairs(entry.hex)}</code>
          </li>
        ))}
      </ol>
      <ActionButton testId="traffic-stop" kind="secondary" small onPress={onStop}>
        {s.stopTraffic}
      </ActionButton>
    </section>
  );
}

/** "0241" → "02 41": bytes apart, easier to read on a kiosk. */
function hexPairs(hex: string): string {
  return (hex.match(/.{1,2}/g) ?? []).join(' ');
}
