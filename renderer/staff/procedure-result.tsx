// What a procedure found: the points (reference, reading, error, limit, conforme or not), the
// corrections in force, the verdict and the next due date; the same table of points during a run.
import type { Locale } from '../../contract/domain';
import type { CalibrationPoint, MaintenanceRecord } from '../../contract/maintenance';
import { fill, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import { formatDay, formatReading } from './staff-format';

/** Props of PointsTable: the points of a finished record, or those taken so far in a run. */
export interface PointsTableProps {
  readonly points: readonly CalibrationPoint[];
}

/** The table of points (`procedure-points`, rows `procedure-point-row` with `data-pass`). */
export function PointsTable(props: PointsTableProps) {
  const { locale, strings } = useUi();
  const s = strings.technician;
  const c = s.columns;
  return (
    <table className="points-table" data-testid="procedure-points">
      <caption>{s.pointsTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{c.step}</th>
          <th scope="col">{c.reference}</th>
          <th scope="col">{c.reading}</th>
          <th scope="col">{c.error}</th>
          <th scope="col">{c.limit}</th>
          <th scope="col">{c.result}</th>
        </tr>
      </thead>
      <tbody>
        {props.points.map((point, index) => (
          <tr key={`${point.step}-${index}`} data-testid="procedure-point-row" data-pass={point.pass}>
            <td>{index + 1}</td>
            <td>{withUnit(point.reference, point.unit, locale)}</td>
            <td>{withUnit(point.reading, point.unit, locale)}</td>
            <td>{withUnit(point.error, point.unit, locale, true)}</td>
            <td>{`± ${withUnit(point.limit, point.unit, locale)}`.replace(' ', '\u00a0')}</td>
            <td>{point.pass ? s.pass : s.fail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The end of a procedure: verdict (`procedure-verdict`), next due date, points and corrections. */
export function RecordResult({ record }: { readonly record: MaintenanceRecord }) {
  const { locale, strings } = useUi();
  const s = strings.technician;
  const verdict = record.verdict === 'pass' ? s.pass : s.fail;
  return (
    <div className="record-result" data-testid="procedure-record">
      <p
        className={record.verdict === 'pass' ? 'confirmation' : 'failure'}
        role="status"
        data-testid="procedure-verdict"
        data-verdict={record.verdict ?? ''}
      >
        {fill(s.verdictTitle, { verdict })}
      </p>
      <p className="lead" data-testid="procedure-next-due">
        {record.nextDueAt === null
          ? s.verdictNoDue
          : fill(s.verdictNextDue, { date: formatDay(record.nextDueAt, locale) })}
      </p>
      <PointsTable points={record.points} />
      {record.corrections.length > 0 && (
        <>
          <h3 className="section-title">{s.corrections}</h3>
          <ul data-testid="procedure-corrections">
            {record.corrections.map((correction) => (
              <li key={correction.quantity}>{correctionText(strings, correction, locale)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A number with its unit, a non-breaking space between: "120 mmHg", "+0,2 °C". */
function withUnit(value: number, unit: string, locale: Locale, signed = false): string {
  return `${formatReading(value, locale, signed)}\u00a0${unit}`;
}

/** "Pression : gain 1,002, décalage -0,5". */
function correctionText(
  strings: Strings,
  correction: MaintenanceRecord['corrections'][number],
  locale: Locale,
): string {
  return fill(strings.technician.correctionLine, {
    quantity: strings.technician.quantities[correction.quantity],
    gain: formatReading(correction.gain, locale, false, 4),
    offset: formatReading(correction.offset, locale, true),
  });
}
