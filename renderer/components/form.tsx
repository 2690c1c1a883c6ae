// A form that sends with the keyboard's Enter key as well as with the screen's button.
import type { ReactNode } from 'react';

/** Props of Form. */
export interface FormProps {
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}

/** A `form` without browser validation (the controller validates) whose submit calls `onSubmit`. */
export function Form({ onSubmit, children }: FormProps) {
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
