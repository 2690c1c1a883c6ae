// A simple picture of how to hold each examination instrument: a hand, the instrument, and where it goes.
import type { InstrumentKind } from '../../contract/instrument';

/** Props of InstrumentPicture. */
export interface InstrumentPictureProps {
  readonly kind: InstrumentKind;
}

/** The drawing of how to hold an instrument (decorative: the words beside it say the same). */
export function InstrumentPicture({ kind }: InstrumentPictureProps) {
  return (
    <svg
      className="instrument-picture"
      viewBox="0 0 120 90"
      width="180"
      height="135"
      aria-hidden="true"
      data-testid="instrument-picture"
    >
      <g fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
        {drawing(kind)}
      </g>
    </svg>
  );
}

function drawing(kind: InstrumentKind) {
  switch (kind) {
    case 'otoscope':
      // An ear, the otoscope's tip at its entrance, not inside.
      return (
        <>
          <path d="M78 20 C98 20 104 40 96 54 C90 64 84 62 84 74 C84 84 70 86 66 76" />
          <path d="M84 40 C84 34 78 32 76 38" />
          <circle cx="74" cy="46" r="3" />
          <path d="M20 60 L44 52 L62 47" />
          <path d="M20 60 L14 78" strokeWidth="7" />
          <path d="M62 47 L69 45" strokeWidth="2" />
        </>
      );
    case 'dermatoscope':
      // The dermatoscope's round lens flat on the skin.
      return (
        <>
          <path d="M8 74 C40 68 80 68 112 74" />
          <ellipse cx="60" cy="62" rx="18" ry="5" />
          <path d="M46 60 L52 30 L68 30 L74 60" />
          <path d="M56 30 L60 8" strokeWidth="7" />
          <circle cx="70" cy="74" r="2" fill="currentColor" />
        </>
      );
    case 'examinationCamera':
      // The camera held about ten centimetres from the skin.
      return (
        <>
          <path d="M8 78 C40 72 80 72 112 78" />
          <rect x="44" y="18" width="32" height="22" rx="4" />
          <circle cx="60" cy="40" r="5" />
          <path d="M60 46 L60 66" strokeDasharray="3 4" strokeWidth="2" />
          <path d="M76 26 L100 12" strokeWidth="7" />
        </>
      );
    case 'stethoscope':
      // The stethoscope's chest piece flat on the chest.
      return (
        <>
          <path d="M30 10 C22 40 24 70 42 84" />
          <path d="M90 10 C98 40 96 70 78 84" />
          <circle cx="60" cy="52" r="12" />
          <circle cx="60" cy="52" r="5" />
          <path d="M60 40 C60 26 74 20 84 26" strokeWidth="2" />
        </>
      );
    default: {
      const unknown: never = kind;
      throw new Error(`unknown instrument ${String(unknown)}`);
    }
  }
}
