// The values of a measurement, each with its plain name and unit, shared by the guided measurements
// and the measurement the professional asks for during the call.
import type { Measurement } from '../../contract/domain';
import { quantityText } from '../measurement-text';
import { useUi } from '../ui-context';

/** The measured values as a list (`data-testid="result"`). */
export function MeasurementResultValues({ result }: { readonly result: Measurement }) {
  const { strings, locale } = useUi();
  return (
    <dl className="result-values" data-testid="result">
      {result.quantities.map((quantity) => {
        const text = quantityText(strings, quantity, locale);
        return (
          <div key={quantity.name} className="result-row">
            <dt>{text.label}</dt>
            <dd>{text.value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
