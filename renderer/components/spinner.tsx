// A calm waiting indicator; its motion stops when the system asks for reduced motion (see styles.css).

/** A spinning ring, hidden from screen readers: the text beside it says what is happening. */
export function Spinner() {
  return <div className="spinner" aria-hidden="true" />;
}
