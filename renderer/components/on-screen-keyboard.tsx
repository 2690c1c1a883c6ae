// The cabin's own keyboard, drawn under the field being typed in: a cabin has a touch screen and no
// physical keyboard. Large keys, no long press (an "accents" layer instead), French AZERTY letters with
// the letters French civil status writes, or digits only for numbers and codes.
import { useEffect, useRef, useState } from 'react';
import { speak } from '../read-aloud';
import { useUi } from '../ui-context';

/**
 * The keys a field offers: letters (names), digits (codes, a birth date's parts), a NIR's digits with
 * 2A / 2B, digits with a decimal comma (`decimal`: a reference reading), or letters with a row of digits
 * and `.` `/` (`text`: the staff's free text, a certificate number, a folder).
 */
export type KeyboardLayout = 'letters' | 'digits' | 'nir' | 'date' | 'decimal' | 'text';

/** Whether a layout types letters (its limit counts characters, not digits). */
export function typesLetters(layout: KeyboardLayout): boolean {
  return layout === 'letters' || layout === 'text';
}

/** What a key does to the field's text. */
export type KeyPress = { readonly kind: 'insert'; readonly text: string } | { readonly kind: 'erase' };

/** Props of OnScreenKeyboard. */
export interface OnScreenKeyboardProps {
  readonly layout: KeyboardLayout;
  /** Applies a key; answers false when the field refused it (full), and then the key is not said. */
  readonly onKey: (press: KeyPress) => boolean;
  /** Letters are typed as capitals: at the field's start and after a space, hyphen or apostrophe. */
  readonly autoCapital: boolean;
  /** Says each key aloud when read-aloud is on; false for a secret code. */
  readonly speakKeys: boolean;
}

/** AZERTY letters, three rows; the third row ends with the four accented letters French uses most. */
const LETTER_ROWS: readonly (readonly string[])[] = [
  ['a', 'z', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['q', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm'],
  ['w', 'x', 'c', 'v', 'b', 'n', 'é', 'è', 'à', 'ç'],
];

/** Every accented letter and ligature of the civil-status list (circulaire of 23 July 2014). */
const ACCENT_ROWS: readonly (readonly string[])[] = [
  ['é', 'è', 'ê', 'ë', 'à', 'â', 'ä'],
  ['î', 'ï', 'ô', 'ö', 'ù', 'û', 'ü'],
  ['ç', 'œ', 'æ', 'ÿ'],
];

const DIGIT_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];

/** Keeps the focus (and the caret) in the field when a key is touched: the key acts on click only. */
const keepFocus = (event: { preventDefault: () => void }): void => event.preventDefault();

/** Props of Key. */
interface KeyProps {
  readonly testId: string;
  readonly label: string;
  /** What a screen reader and read-aloud say, when the label is a sign. */
  readonly name?: string;
  readonly wide?: 'wide' | 'widest';
  readonly pressed?: boolean;
  readonly onPress: () => void;
}

/**
 * The key's accessible name: its `name`, followed by what it shows when that has letters ("Majuscule
 * ⇧ ABC", the shown words contiguous, as axe compares them), so that a patient who says or points at what they see finds it (WCAG 2.5.3, axe's
 * label-content-name-mismatch); a sign alone (",", "⌫") keeps the plain name.
 */
function accessibleName(label: string, name: string | undefined): string | undefined {
  if (name === undefined || name === label || !/\p{L}/u.test(label)) return name;
  return `${name} ${label}`;
}

function Key({ testId, label, name, wide, pressed, onPress }: KeyProps) {
  return (
    <button
      type="button"
      className={`key${wide === undefined ? '' : ` key-${wide}`}`}
      data-testid={testId}
      tabIndex={-1}
      aria-label={accessibleName(label, name)}
      aria-pressed={pressed}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {label}
    </button>
  );
}

/** The keyboard of one layout; letters keep their own accents layer and capitals key. */
export function OnScreenKeyboard({ layout, onKey, autoCapital, speakKeys }: OnScreenKeyboardProps) {
  const { strings, readAloud } = useUi();
  const k = strings.keyboard;
  const [accents, setAccents] = useState(false);
  const board = useRef<HTMLDivElement>(null);
  // On a short (landscape) screen the keyboard may open below the fold: bring it, and the field just
  // above it, into view. jsdom has no scrolling.
  useEffect(() => {
    const element = board.current;
    if (element !== null && 'scrollIntoView' in element) element.scrollIntoView({ block: 'nearest' });
  }, []);
  // The capitals key turns the case of the next letter over (capital where it would be small, and back).
  const [shifted, setShifted] = useState(false);
  const capital = autoCapital !== shifted;
  const say = (text: string): void => {
    if (readAloud && speakKeys) speak(text, strings.meta.speechLang);
  };
  const insert = (text: string, spoken = text): void => {
    if (onKey({ kind: 'insert', text })) say(spoken);
  };
  const letter = (base: string) => {
    const shown = capital ? base.toUpperCase() : base;
    return (
      <Key
        key={base}
        testId={`key-${base}`}
        label={shown}
        onPress={() => {
          setShifted(false);
          insert(shown);
        }}
      />
    );
  };
  const digit = (d: string) => <Key key={d} testId={`key-${d}`} label={d} onPress={() => insert(d)} />;
  const erase = (
    <Key
      testId="key-erase"
      label="⌫"
      name={k.erase}
      wide="wide"
      onPress={() => {
        if (onKey({ kind: 'erase' })) say(k.erase);
      }}
    />
  );
  // The board both layouts draw their rows in.
  const boardProps = {
    ref: board,
    'data-testid': 'keyboard',
    'data-layout': layout,
    role: 'group',
    'aria-label': k.label,
  } as const;
  if (!typesLetters(layout)) {
    return (
      <div className="keyboard keyboard-digits" {...boardProps}>
        {DIGIT_ROWS.map((row) => (
          <div className="key-row" key={row.join('')}>
            {row.map(digit)}
          </div>
        ))}
        <div className="key-row">
          {layout === 'decimal' && (
            <Key testId="key-comma" label="," name={k.comma} onPress={() => insert(',', k.comma)} />
          )}
          {digit('0')}
          {erase}
        </div>
        {layout === 'nir' && (
          <div className="key-row key-row-extra">
            <span className="key-extra-label">{k.corsica}</span>
            {/* Only for the Corsican départements 2A and 2B, so small and apart. */}
            <Key testId="key-A" label="A" onPress={() => insert('A')} />
            <Key testId="key-B" label="B" onPress={() => insert('B')} />
          </div>
        )}
      </div>
    );
  }
  const rows = accents ? ACCENT_ROWS : LETTER_ROWS;
  return (
    <div className="keyboard keyboard-letters" {...boardProps}>
      {layout === 'text' && <div className="key-row">{[...DIGIT_ROWS.flat(), '0'].map(digit)}</div>}
      {rows.map((row) => (
        <div className="key-row" key={row.join('')}>
          {row.map(letter)}
        </div>
      ))}
      <div className="key-row">
        <Key
          testId="key-capitals"
          label={capital ? '⇩ abc' : '⇧ ABC'}
          name={capital ? k.lowercase : k.capitals}
          wide="wide"
          pressed={shifted}
          onPress={() => setShifted(!shifted)}
        />
        <Key
          testId={accents ? 'key-letters' : 'key-accents'}
          label={accents ? k.letters : k.accents}
          name={accents ? k.lettersName : k.accentsName}
          wide="wide"
          onPress={() => setAccents(!accents)}
        />
        <Key testId="key-hyphen" label="-" name={k.hyphen} onPress={() => insert('-', k.hyphen)} />
        <Key
          testId="key-apostrophe"
          label="'"
          name={k.apostrophe}
          onPress={() => insert("'", k.apostrophe)}
        />
        {layout === 'text' && (
          <>
            <Key testId="key-period" label="." name={k.period} onPress={() => insert('.', k.period)} />
            <Key testId="key-slash" label="/" name={k.slash} onPress={() => insert('/', k.slash)} />
          </>
        )}
        <Key testId="key-space" label={k.space} wide="widest" onPress={() => insert(' ', k.space)} />
        {erase}
      </div>
    </div>
  );
}
