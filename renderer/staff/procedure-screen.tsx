// A verification or calibration run step by step: who runs it against which reference, verify or
// adjust, then each prompt of the device's procedure in plain words, a reference reading typed with a
// decimal comma, the points so far, and at the end the verdict, the points and the next due date.
import { useRef, useState } from 'react';
import { MEASUREMENT_KINDS, type Locale, type MeasurementKind } from '../../contract/domain';
import type { ProcedurePrompt } from '../../contract/maintenance';
import type { CabinError, Result } from '../../contract/result';
import { ActionButton } from '../components/action-button';
import { ChoiceButton } from '../components/choice-button';
import { Form } from '../components/form';
import { TextField } from '../components/text-field';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { TechnicianTextField } from './technician-text-field';
import { failureText } from './attendant-panel';
import { PointsTable, RecordResult } from './procedure-result';
import type { StaffRun } from './staff-panel';
import { formatReading, parseReading, peripheralReason } from './staff-format';

/** The longest reference reading typed, in characters. */
const READING_MAX_LENGTH = 10;

/** Props of ProcedureScreen. */
export interface ProcedureScreenProps {
  readonly run: StaffRun;
  /** The cabin is in maintenance: a procedure may start. */
  readonly maintenance: boolean;
  readonly device: MeasurementKind | null;
  readonly onDevice: (kind: MeasurementKind) => void;
}

/** The procedure part (`data-screen="procedure"`, `data-stage` = `form`, `prompt`, `finished`, `stopped`). */
export function ProcedureScreen({ run, maintenance, device, onDevice }: ProcedureScreenProps) {
  const { locale, strings } = useUi();
  const s = strings.technician;
  const [technician, setTechnician] = useState('');
  const [instrument, setInstrument] = useState('');
  const [certificate, setCertificate] = useState('');
  const [adjust, setAdjust] = useState(false);
  const [prompt, setPrompt] = useState<ProcedurePrompt | null>(null);
  const [value, setValue] = useState('');
  const [badValue, setBadValue] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const sending = useRef(false);

  const step = (send: () => Promise<Result<ProcedurePrompt, CabinError>>): void => {
    if (sending.current) return;
    sending.current = true;
    setFailure(null);
    void send()
      .then((result) => {
        if (!result.ok) {
          setFailure(result.error.code);
          return;
        }
        setPrompt(result.value);
        setValue('');
      })
      .finally(() => {
        sending.current = false;
      });
  };

  const start = (): void => {
    if (device === null) return;
    step(() =>
      run({
        type: 'technician.startProcedure',
        peripheral: device,
        technician: technician.trim(),
        reference: { instrument: instrument.trim(), certificate: certificate.trim() },
        adjust,
      }),
    );
  };

  const answer = (): void => {
    if (prompt?.kind !== 'reference') return;
    const reading = parseReading(value);
    setBadValue(reading === null);
    if (reading === null) return;
    step(() => run({ type: 'technician.answerProcedure', value: reading }));
  };

  const cancel = (): void => {
    void run({ type: 'technician.cancelProcedure' });
    setPrompt(null);
    setFailure(null);
  };

  const failureLine = failure !== null && (
    <p className="failure" role="alert" data-testid="procedure-failure">
      {failureText(strings, failure)}
    </p>
  );
  const cancelButton = (
    <ActionButton testId="procedure-cancel" kind="danger" onPress={cancel}>
      {s.cancelProcedure}
    </ActionButton>
  );
  const deviceName = device === null ? '' : strings.attendant.peripherals[device];

  if (prompt === null) {
    const ready =
      device !== null &&
      maintenance &&
      technician.trim() !== '' &&
      instrument.trim() !== '' &&
      certificate.trim() !== '';
    return (
      <div className="procedure" data-screen="procedure" data-stage="form">
        <div className="choice-group" role="radiogroup">
          {MEASUREMENT_KINDS.map((kind) => (
            <ChoiceButton
              key={kind}
              testId={`procedure-device-${kind}`}
              chosen={kind === device}
              announce="radio"
              onPress={() => onDevice(kind)}
            >
              {strings.attendant.peripherals[kind]}
            </ChoiceButton>
          ))}
        </div>
        {device !== null && (
          <h2 className="section-title">{fill(s.procedureTitle, { device: deviceName })}</h2>
        )}
        {!maintenance && (
          <p className="banner banner-warning" role="status" data-testid="procedure-maintenance-needed">
            {s.maintenanceNeeded}
          </p>
        )}
        <Form onSubmit={start}>
          <TechnicianTextField
            name="procedure-technician"
            label={s.technicianName}
            value={technician}
            onChange={setTechnician}
          />
          <TechnicianTextField
            name="procedure-instrument"
            label={s.instrument}
            value={instrument}
            onChange={setInstrument}
          />
          <TechnicianTextField
            name="procedure-certificate"
            label={s.certificate}
            value={certificate}
            onChange={setCertificate}
          />
        </Form>
        <div className="choice-group" role="radiogroup" aria-label={s.modeLabel}>
          <ChoiceButton
            testId="procedure-mode-verify"
            chosen={!adjust}
            announce="radio"
            onPress={() => setAdjust(false)}
          >
            {s.modes.verify}
          </ChoiceButton>
          <ChoiceButton
            testId="procedure-mode-adjust"
            chosen={adjust}
            announce="radio"
            onPress={() => setAdjust(true)}
          >
            {s.modes.adjust}
          </ChoiceButton>
        </div>
        {failureLine}
        <ActionButton testId="procedure-start" disabled={!ready} onPress={start}>
          {s.start}
        </ActionButton>
      </div>
    );
  }

  if (prompt.kind === 'finished' || prompt.kind === 'stopped') {
    return (
      <div className="procedure" data-screen="procedure" data-stage={prompt.kind}>
        <h2 className="section-title">{fill(s.procedureTitle, { device: deviceName })}</h2>
        {prompt.kind === 'finished' ? (
          <RecordResult record={prompt.record} />
        ) : (
          <p className="failure" role="alert" data-testid="procedure-stopped">
            {fill(s.stopped, { reason: peripheralReason(strings.attendant, prompt.code) })}
          </p>
        )}
        <div className="choice-group">
          <ActionButton testId="procedure-again" kind="secondary" onPress={() => setPrompt(null)}>
            {s.again}
          </ActionButton>
        </div>
      </div>
    );
  }

  const params: Readonly<Record<string, number | string>> = prompt.params;
  const paramTexts: Readonly<Record<string, string>> = s.promptParams;
  const details = Object.keys(params)
    .filter((name) => Object.hasOwn(paramTexts, name) && !(prompt.kind === 'reference' && name === 'target'))
    .map((name) => fill(paramTexts[name] ?? '', { [name]: shown(params[name], locale) }));
  return (
    <div className="procedure" data-screen="procedure" data-stage="prompt">
      <h2 className="section-title">{fill(s.procedureTitle, { device: deviceName })}</h2>
      <div
        className="procedure-prompt"
        data-testid="procedure-prompt"
        data-code={prompt.code}
        data-kind={prompt.kind}
      >
        {prompt.kind === 'reference' && (
          <p className="field-hint" data-testid="procedure-point">
            {fill(s.pointOf, { index: prompt.index + 1, count: prompt.count })}
          </p>
        )}
        <p className="lead">{s.prompts[prompt.code]}</p>
        {prompt.kind === 'reference' && prompt.target !== null && (
          <p className="lead procedure-target" data-testid="procedure-target">
            {fill(s.target, { target: formatReading(prompt.target, locale), unit: prompt.unit })}
          </p>
        )}
        {details.map((text) => (
          <p className="field-hint" key={text}>
            {text}
          </p>
        ))}
      </div>
      {prompt.kind === 'reference' ? (
        <Form onSubmit={answer}>
          <TextField
            name="procedure-value"
            testId="procedure-value"
            label={fill(s.referenceLabel, { unit: prompt.unit })}
            hint={s.referenceHint}
            autoFocus
            layout="decimal"
            maxLength={READING_MAX_LENGTH}
            value={value}
            onChange={(next) => {
              setValue(next);
              setBadValue(false);
            }}
            invalid={badValue}
            error={s.badNumber}
          />
          <ActionButton testId="procedure-send" onPress={answer}>
            {s.send}
          </ActionButton>
        </Form>
      ) : (
        <ActionButton
          testId="procedure-continue"
          onPress={() => step(() => run({ type: 'technician.answerProcedure', value: null }))}
        >
          {strings.common.continue}
        </ActionButton>
      )}
      {failureLine}
      {prompt.points !== undefined && prompt.points.length > 0 && <PointsTable points={prompt.points} />}
      {cancelButton}
    </div>
  );
}

/** A prompt's param as the words show it: a number with the locale's decimal separator. */
function shown(value: number | string | undefined, locale: Locale): string {
  return typeof value === 'number' ? formatReading(value, locale) : (value ?? '');
}
