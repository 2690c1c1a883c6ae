// The maintenance register as the technician reads it, newest first, and the form that writes a repair,
// a putting out of service or a return to service of a device, with a note.
import { useCallback, useEffect, useState } from 'react';
import { MEASUREMENT_KINDS, type MeasurementKind } from '../../contract/domain';
import type { MaintenanceRecord } from '../../contract/maintenance';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { Form } from '../components/form';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { TechnicianTextField } from './technician-text-field';
import { failureText } from './attendant-panel';
import { PointsTable } from './procedure-result';
import type { StaffRun } from './staff-panel';
import { recordSummary } from './technician-devices';

/** The interventions the form writes, in its order. */
const INTERVENTIONS = ['repair', 'outOfService', 'returnToService'] as const;

type Intervention = (typeof INTERVENTIONS)[number];

/** Props of RegisterPanel. */
export interface RegisterPanelProps {
  readonly run: StaffRun;
}

/** The register (`data-screen="register"`, rows `register-record`) and the intervention form under it. */
export function RegisterPanel({ run }: RegisterPanelProps) {
  const { locale, strings } = useUi();
  const s = strings.technician;
  const [records, setRecords] = useState<readonly MaintenanceRecord[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [device, setDevice] = useState<MeasurementKind>('bloodPressure');
  const [kind, setKind] = useState<Intervention>('repair');
  const [technician, setTechnician] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);

  const load = useCallback((): void => {
    void run({ type: 'technician.records', peripheral: null }).then((result) => {
      if (result.ok) setRecords([...result.value].sort((a, b) => b.at - a.at));
      else setFailure(result.error.code);
    });
  }, [run]);
  useEffect(load, [load]);

  const ready = technician.trim() !== '' && note.trim() !== '';
  const save = (): void => {
    if (!ready) return;
    setSaved(false);
    setFailure(null);
    void run({
      type: 'technician.recordIntervention',
      peripheral: device,
      kind,
      technician: technician.trim(),
      note: note.trim(),
    }).then((result) => {
      if (!result.ok) {
        setFailure(result.error.code);
        return;
      }
      setSaved(true);
      setNote('');
      load();
    });
  };

  return (
    <div className="register" data-screen="register">
      <h2 className="section-title">{s.registerTitle}</h2>
      {records !== null && records.length === 0 && <p className="lead">{s.registerEmpty}</p>}
      <ol className="register-list">
        {(records ?? []).map((record) => (
          <li
            key={record.id}
            className="register-record"
            data-testid="register-record"
            data-kind={record.kind}
          >
            <p className="lead">
              {strings.attendant.peripherals[record.peripheral]} · {record.modelId} · {record.serialNumber}
            </p>
            <p>{recordSummary(strings, record, locale)}</p>
            <p className="field-hint">{fill(s.recordBy, { technician: record.technician })}</p>
            {record.reference !== null && (
              <p className="field-hint">
                {fill(s.recordReference, {
                  instrument: record.reference.instrument,
                  certificate: record.reference.certificate,
                })}
              </p>
            )}
            {record.note !== null && (
              <p className="field-hint">{fill(s.recordNote, { note: record.note })}</p>
            )}
            {record.points.length > 0 && <PointsTable points={record.points} />}
          </li>
        ))}
      </ol>
      <h2 className="section-title">{s.interventionTitle}</h2>
      <div className="choice-group" role="radiogroup" aria-label={s.interventionDevice}>
        {MEASUREMENT_KINDS.map((choice) => (
          <ChoiceButton
            key={choice}
            testId={`intervention-device-${choice}`}
            chosen={choice === device}
            announce="radio"
            onPress={() => setDevice(choice)}
          >
            {strings.attendant.peripherals[choice]}
          </ChoiceButton>
        ))}
      </div>
      <div className="choice-group" role="radiogroup" aria-label={s.interventionKind}>
        {INTERVENTIONS.map((choice) => (
          <ChoiceButton
            key={choice}
            testId={`intervention-kind-${choice}`}
            chosen={choice === kind}
            announce="radio"
            onPress={() => setKind(choice)}
          >
            {s.interventionKinds[choice]}
          </ChoiceButton>
        ))}
      </div>
      <Form onSubmit={save}>
        <TechnicianTextField
          name="intervention-technician"
          label={s.technicianName}
          value={technician}
          onChange={setTechnician}
        />
        <TechnicianTextField name="intervention-note" label={s.note} value={note} onChange={setNote} />
      </Form>
      <ActionButton testId="intervention-save" disabled={!ready} onPress={save}>
        {s.saveIntervention}
      </ActionButton>
      {saved && (
        <p className="confirmation" role="status" data-testid="intervention-saved">
          {s.saved}
        </p>
      )}
      {failure !== null && (
        <p className="failure" role="alert" data-testid="register-failure">
          {failureText(strings, failure)}
        </p>
      )}
    </div>
  );
}
