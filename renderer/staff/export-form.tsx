// The technician's export of the logs, the register and the device list to a folder (a USB stick's
// mount point), and what it wrote. No patient data goes in it (the controller sees to that).
import { useState } from 'react';
import type { ExportSummary } from '../../contract/maintenance';
import { ActionButton } from '../components/action-button';
import { Form } from '../components/form';
import { TextField } from '../components/text-field';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { failureText } from './attendant-panel';
import type { StaffRun } from './staff-panel';

/** The longest folder path typed. */
const DIRECTORY_MAX_LENGTH = 200;

/** Props of ExportForm. */
export interface ExportFormProps {
  readonly run: StaffRun;
}

/** The export (`data-screen="export"`): the folder field, "Exporter" and the summary (`export-summary`). */
export function ExportForm({ run }: ExportFormProps) {
  const { strings } = useUi();
  const s = strings.technician;
  const [directory, setDirectory] = useState('');
  const [summary, setSummary] = useState<ExportSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const exportNow = (): void => {
    if (sending || directory.trim() === '') return;
    setSending(true);
    setSummary(null);
    setFailure(null);
    void run({ type: 'technician.export', directory: directory.trim() })
      .then((result) => {
        if (result.ok) setSummary(result.value);
        else setFailure(result.error.code);
      })
      .finally(() => setSending(false));
  };

  return (
    <div className="export" data-screen="export">
      <h2 className="section-title">{s.exportTitle}</h2>
      <Form onSubmit={exportNow}>
        <TextField
          name="export-directory"
          testId="export-directory"
          label={s.exportDirectory}
          hint={s.exportHint}
          layout="text"
          maxLength={DIRECTORY_MAX_LENGTH}
          value={directory}
          onChange={setDirectory}
          invalid={false}
        />
      </Form>
      <ActionButton testId="export-start" disabled={sending || directory.trim() === ''} onPress={exportNow}>
        {s.exportStart}
      </ActionButton>
      {summary !== null && (
        <div className="confirmation" role="status" data-testid="export-summary">
          <p>
            {fill(s.exportDone, {
              directory: summary.directory,
              records: summary.records,
              logLines: summary.logLines,
            })}
          </p>
          <h3 className="field-label">{s.exportFiles}</h3>
          <ul>
            {summary.files.map((file) => (
              <li key={file} data-testid="export-file">
                {file}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure !== null && (
        <p className="failure" role="alert" data-testid="export-failure">
          {failureText(strings, failure)}
        </p>
      )}
    </div>
  );
}
