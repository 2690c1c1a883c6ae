// A labelled text field with an optional hint and the error the controller pointed at.
import type { HTMLAttributes } from 'react';

/** Props of TextField; `name` gives the test ids `field-<name>` (unless `testId` says otherwise) and `error-<name>`. */
export interface TextFieldProps {
  readonly name: string;
  readonly testId?: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly maxLength: number;
  /** Marks the field invalid; `error` (when given) is shown under it. */
  readonly invalid: boolean;
  readonly error?: string;
  readonly inputClassName?: string;
  /** For codes: capital letters, no spelling correction. */
  readonly code?: boolean;
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Hides what is typed (a staff code). */
  readonly secret?: boolean;
}

/** Draws the label, the hint, the input and, when invalid, the error the input is described by. */
export function TextField({
  name,
  testId = `field-${name}`,
  label,
  hint,
  value,
  onChange,
  maxLength,
  invalid,
  error,
  inputClassName = 'input',
  code = false,
  inputMode,
  secret = false,
}: TextFieldProps) {
  const showError = invalid && error !== undefined;
  return (
    <label className={`field${invalid ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {hint !== undefined && <span className="field-hint">{hint}</span>}
      <input
        className={inputClassName}
        type={secret ? 'password' : undefined}
        data-testid={testId}
        autoComplete="off"
        autoCapitalize={code ? 'characters' : undefined}
        spellCheck={code ? false : undefined}
        inputMode={inputMode}
        maxLength={maxLength}
        value={value}
        aria-invalid={invalid}
        aria-describedby={showError ? `error-${name}` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {showError && <FieldError name={name} text={error} />}
    </label>
  );
}

/** Props of FieldError. */
export interface FieldErrorProps {
  readonly name: string;
  readonly text: string;
}

/** The error under a field (`id` and `data-testid` `error-<name>`), for `aria-describedby`. */
export function FieldError({ name, text }: FieldErrorProps) {
  return (
    <p className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
      {text}
    </p>
  );
}
