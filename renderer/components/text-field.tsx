// A labelled text field with an optional hint and the error the controller pointed at; while it has the
// focus, the on-screen keyboard of its layout is drawn under it.
import { useEffect } from 'react';
import { useKeyboardField } from './keyboard-field';
import type { KeyboardLayout } from './on-screen-keyboard';

/** Props of TextField; `name` gives the test ids `field-<name>` (unless `testId` says otherwise) and `error-<name>`. */
export interface TextFieldProps {
  readonly name: string;
  readonly testId?: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The limit: a longer value is refused with a message saying it, never cut. */
  readonly maxLength: number;
  /** The on-screen keyboard's keys: letters for names, digits for codes, digits with 2A / 2B for a NIR. */
  readonly layout: KeyboardLayout;
  /** Takes the focus when drawn, so its keyboard shows at once (the first field of a screen). */
  readonly autoFocus?: boolean;
  /** Marks the field invalid; `error` (when given) is shown under it. */
  readonly invalid: boolean;
  readonly error?: string;
  readonly inputClassName?: string;
  /** For codes: capital letters, no spelling correction. */
  readonly code?: boolean;
  /** Hides what is typed (a staff code). */
  readonly secret?: boolean;
}

/** Draws the label, the hint, the input, the limit or the error the input is described by, and the keyboard. */
export function TextField({
  name,
  testId = `field-${name}`,
  label,
  hint,
  value,
  onChange,
  maxLength,
  layout,
  autoFocus = false,
  invalid,
  error,
  inputClassName = 'input',
  code = false,
  secret = false,
}: TextFieldProps) {
  const { inputRef, inputProps, keyboard, limitMessage } = useKeyboardField({
    value,
    onChange,
    maxLength,
    layout,
    secret,
  });
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus, inputRef]);
  // The limit is said at once, before any error of the controller (which came from an older value).
  const message = limitMessage ?? (invalid ? error : undefined);
  const marked = invalid || limitMessage !== null;
  return (
    <>
      <label className={`field${marked ? ' field-invalid' : ''}`}>
        <span className="field-label">{label}</span>
        {hint !== undefined && <span className="field-hint">{hint}</span>}
        <input
          className={inputClassName}
          type={secret ? 'password' : undefined}
          data-testid={testId}
          autoComplete="off"
          autoCapitalize={code ? 'characters' : undefined}
          spellCheck={code ? false : undefined}
          ref={inputRef}
          {...inputProps}
          value={value}
          aria-invalid={marked}
          aria-describedby={message !== undefined ? `error-${name}` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {message !== undefined && <FieldError name={name} text={message} />}
      </label>
      {keyboard}
    </>
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
