// The technician's devices: maintenance on and off, each measuring device as it reports itself (model,
// serial, firmware, port, state and why, last frames, last check), and a raw monitor of one's traffic.
import { useCallback, useEffect, useState } from 'react';
import type { CabinView } from '../../contract/cabin-view';
import type { Locale, MeasurementKind } from '../../contract/domain';
import type { DeviceReport, MaintenanceRecord } from '../../contract/maintenance';
import { ActionButton } from '../components/action-button';
import { fill, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import { failureText, StateRow } from './attendant-panel';
import type { StaffRun } from './staff-panel';
import { formatClockTime, formatDay, peripheralReason } from './staff-format';
import { TechnicianMediaInputs } from './technician-instruments';
import { TrafficMonitor } from './traffic-monitor';

/** Props of TechnicianDevices. */
export interface TechnicianDevicesProps {
  readonly view: CabinView | null;
  readonly run: StaffRun;
  /** Opens the procedure of this device. */
  readonly onVerify: (kind: MeasurementKind) => void;
}

/** The devices part (`data-screen="technician-devices"`): asks the list when shown and on "Actualiser". */
export function TechnicianDevices({ view, run, onVerify }: TechnicianDevicesProps) {
  const { strings } = useUi();
  const s = strings.technician;
  const [devices, setDevices] = useState<readonly DeviceReport[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [watching, setWatching] = useState<MeasurementKind | null>(null);
  const maintenance = view?.phase === 'maintenance';

  const load = useCallback((): void => {
    void run({ type: 'technician.listDevices' }).then((result) => {
      if (result.ok) setDevices(result.value);
      else setFailure(result.error.code);
    });
  }, [run]);
  useEffect(load, [load]);

  const toggleMaintenance = (): void => {
    setFailure(null);
    void run({ type: maintenance ? 'technician.leaveMaintenance' : 'technician.enterMaintenance' }).then(
      (result) => {
        if (!result.ok) setFailure(result.error.code);
      },
    );
  };

  return (
    <div className="technician-devices" data-screen="technician-devices">
      <p className="lead" data-testid="technician-maintenance-state">
        {maintenance ? s.maintenanceOn : s.maintenanceOff}
      </p>
      <div className="choice-group">
        <ActionButton
          testId={maintenance ? 'technician-leave-maintenance' : 'technician-enter-maintenance'}
          kind={maintenance ? 'secondary' : 'danger'}
          onPress={toggleMaintenance}
        >
          {maintenance ? s.leaveMaintenance : s.enterMaintenance}
        </ActionButton>
        <ActionButton testId="technician-refresh" kind="secondary" onPress={load}>
          {s.refresh}
        </ActionButton>
      </div>
      {failure !== null && (
        <p className="failure" role="alert" data-testid="technician-failure">
          {failureText(strings, failure)}
        </p>
      )}
      {watching !== null && <TrafficMonitor run={run} kind={watching} onStop={() => setWatching(null)} />}
      <h2 className="section-title">{s.devicesTitle}</h2>
      {(devices ?? []).map((device) => (
        <DeviceCard
          key={device.peripheral}
          device={device}
          onWatch={() => setWatching(device.peripheral)}
          onVerify={() => onVerify(device.peripheral)}
        />
      ))}
      <TechnicianMediaInputs />
    </div>
  );
}

/** One device: its identity, link, state, last frames and last check, with its two buttons. */
function DeviceCard({
  device,
  onWatch,
  onVerify,
}: {
  device: DeviceReport;
  onWatch: () => void;
  onVerify: () => void;
}) {
  const { locale, strings } = useUi();
  const s = strings.technician;
  const kind = device.peripheral;
  const id = (field: string): string => `device-${kind}-${field}`;
  const known = (value: string | null | undefined): string => value ?? s.notKnown;
  const stateText =
    strings.attendant.states[device.state] +
    (device.reason === null ? '' : ` · ${peripheralReason(strings.attendant, device.reason)}`);
  return (
    <article className="device-card" data-testid={`device-${kind}`} data-state={device.state}>
      <h3 className="section-title">{strings.attendant.peripherals[kind]}</h3>
      {device.modelId === null ? (
        <p className="lead">{s.noDevice}</p>
      ) : (
        <dl className="state-list">
          <StateRow label={s.model} testId={id('model')}>
            {known(device.identity?.model ?? device.modelId)}
          </StateRow>
          <StateRow label={s.serial} testId={id('serial')}>
            {known(device.identity?.serialNumber)}
          </StateRow>
          <StateRow label={s.firmware} testId={id('firmware')}>
            {known(device.identity?.firmware)}
          </StateRow>
          <StateRow label={s.source} testId={id('source')}>
            {device.identity === null ? s.notKnown : s.sources[device.identity.source]}
          </StateRow>
          <StateRow label={s.port} testId={id('port')}>
            {known(device.port)}
          </StateRow>
        </dl>
      )}
      <dl className="state-list">
        <StateRow label={s.state} testId={id('state')} state={device.state} alert={device.state !== 'ok'}>
          {stateText}
        </StateRow>
        <StateRow label={s.lastRecord} testId={id('last-record')}>
          {device.lastRecord === null ? s.noRecord : recordSummary(strings, device.lastRecord, locale)}
        </StateRow>
      </dl>
      <h4 className="field-label">{s.lastFrames}</h4>
      {device.lastFrames.length === 0 ? (
        <p className="field-hint">{s.noFrames}</p>
      ) : (
        <ol className="frames" data-testid={id('frames')}>
          {device.lastFrames.map((frame, index) => (
            <li key={`${frame.atMs}-${index}`}>
              <time>{formatClockTime(frame.atMs, locale)}</time> <code>{frame.text}</code>
            </li>
          ))}
        </ol>
      )}
      {device.modelId !== null && (
        <div className="choice-group">
          <ActionButton testId={id('traffic')} kind="secondary" small onPress={onWatch}>
            {s.watchTraffic}
          </ActionButton>
          {device.procedureAvailable ? (
            <ActionButton testId={id('verify')} kind="secondary" small onPress={onVerify}>
              {s.verify}
            </ActionButton>
          ) : (
            <p className="field-hint">{s.noProcedure}</p>
          )}
        </div>
      )}
    </article>
  );
}

/** "Vérification du 12/03/2026 : conforme · Prochaine vérification le 12/03/2027". */
export function recordSummary(strings: Strings, record: MaintenanceRecord, locale: Locale): string {
  const s = strings.technician;
  const kind = s.kinds[record.kind];
  const date = formatDay(record.at, locale);
  const head =
    record.verdict === null
      ? fill(s.recordLinePlain, { kind, date })
      : fill(s.recordLine, { kind, date, verdict: s.verdictWords[record.verdict] });
  return record.nextDueAt === null
    ? head
    : `${head} · ${fill(s.nextDue, { date: formatDay(record.nextDueAt, locale) })}`;
}
