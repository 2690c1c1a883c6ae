// One line the technician types on the cabin's keyboard (a name, an instrument, a certificate, a note):
// plain text, bounded as the contract bounds it, never marked invalid while typed.
import { TECHNICIAN_TEXT_MAX_LENGTH } from '../../contract/staff';
import { TextField } from '../components/text-field';

/** Props of TechnicianTextField; `name` is also the field's test id. */
export interface TechnicianTextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A text field of the technician's screens, at most TECHNICIAN_TEXT_MAX_LENGTH characters. */
export function TechnicianTextField({ name, label, value, onChange }: TechnicianTextFieldProps) {
  return (
    <TextField
      name={name}
      testId={name}
      label={label}
      layout="text"
      maxLength={TECHNICIAN_TEXT_MAX_LENGTH}
      value={value}
      onChange={onChange}
      invalid={false}
    />
  );
}
