// The welcome screen of a ready cabin: language, comfort options, and the big start button.
import { LOCALES, type Accessibility, type Locale } from '../../contract/domain';
import { ActionButton } from '../components/action-button';
import { CardPicture } from '../components/card-picture';
import { ChoiceButton } from '../components/choice-button';
import { ScreenFrame } from '../components/screen-frame';
import { Toggle } from '../components/toggle';
import { useUi } from '../ui-context';

/** The comfort options offered, in order, each with its test id. */
const COMFORT_OPTIONS: readonly {
  readonly option: 'largeText' | 'readAloud' | 'highContrast';
  readonly testId: string;
}[] = [
  { option: 'largeText', testId: 'large-text' },
  { option: 'readAloud', testId: 'read-aloud' },
  { option: 'highContrast', testId: 'high-contrast' },
];

/** Props of WelcomeScreen: the choices live in the app until the session starts. */
export interface WelcomeScreenProps {
  readonly accessibility: Accessibility;
  readonly onLocaleChange: (locale: Locale) => void;
  readonly onAccessibilityChange: (accessibility: Accessibility) => void;
  readonly onStart: () => void;
  /** The view says a card sits in the reader: the warning shows and "Commencer" is disabled. */
  readonly cardInReader: boolean;
  /** The controller refused to start because of a card left in the reader: the warning shows. */
  readonly cardRefused?: boolean;
  /** The cabin waits for its cleaning after the last session: the notice shows and "Commencer" is disabled. */
  readonly waitingForCleaning?: boolean;
  /** The cabin has an offline speech engine: live subtitles are offered beside the comfort options. */
  readonly subtitlesOffered?: boolean;
}

/**
 * Draws the welcome screen; "Commencer" asks the app to start a session with the chosen settings. A card
 * left in the reader shows a warning (`card-left-warning`) and disables "Commencer" until the view says
 * the card is out; so does a cabin waiting for its cleaning (`cleaning-notice`), until it is cleaned.
 */
export function WelcomeScreen({
  accessibility,
  onLocaleChange,
  onAccessibilityChange,
  onStart,
  cardInReader,
  cardRefused = false,
  waitingForCleaning = false,
  subtitlesOffered = false,
}: WelcomeScreenProps) {
  const { locale, strings } = useUi();
  const cardLeft = cardInReader || cardRefused;
  return (
    <ScreenFrame
      screen="welcome"
      title={strings.welcome.title}
      alert={
        <>
          {waitingForCleaning && (
            <div className="cleaning-notice" role="status" data-testid="cleaning-notice">
              <p className="cleaning-notice-text">{strings.welcome.waitingForCleaning}</p>
              <p className="cleaning-notice-hint">{strings.welcome.waitingForCleaningHint}</p>
            </div>
          )}
          {cardLeft && (
            <div className="card-left" role="alert" data-testid="card-left-warning">
              <CardPicture direction="out" />
              <p className="card-left-text">{strings.welcome.cardLeft}</p>
            </div>
          )}
        </>
      }
      actions={
        <ActionButton testId="start" disabled={cardInReader || waitingForCleaning} onPress={onStart}>
          {strings.welcome.start}
        </ActionButton>
      }
    >
      <p className="lead">{strings.welcome.subtitle}</p>
      <div className="choice-group" role="group" aria-label={strings.welcome.languageLabel}>
        {LOCALES.map((choice) => (
          <ChoiceButton
            key={choice}
            testId={`locale-${choice}`}
            lang={choice}
            chosen={choice === locale}
            announce="pressed"
            onPress={() => onLocaleChange(choice)}
          >
            {strings.languageNames[choice]}
          </ChoiceButton>
        ))}
      </div>
      <div className="choice-group" role="group" aria-label={strings.welcome.accessibilityLabel}>
        {COMFORT_OPTIONS.map(({ option, testId }) => (
          <Toggle
            key={option}
            testId={testId}
            checked={accessibility[option] === true}
            onChange={(on) => onAccessibilityChange({ ...accessibility, [option]: on })}
          >
            {option === 'highContrast' ? strings.accessibility.highContrast : strings.welcome[option]}
          </Toggle>
        ))}
        <Toggle
          testId="written-conversation"
          checked={accessibility.writtenConversation === true}
          onChange={(on) => onAccessibilityChange({ ...accessibility, writtenConversation: on })}
        >
          {strings.conversation.welcomeOption}
        </Toggle>
        {subtitlesOffered && (
          <Toggle
            testId="subtitles"
            checked={accessibility.subtitles === true}
            onChange={(on) => onAccessibilityChange({ ...accessibility, subtitles: on })}
          >
            {strings.liveSubtitles.choice}
          </Toggle>
        )}
      </div>
      {subtitlesOffered && <p className="note">{strings.liveSubtitles.choiceHint}</p>}
      {accessibility.writtenConversation === true && (
        <p className="note" data-testid="written-conversation-note">
          {strings.conversation.welcomeOptionHint}
        </p>
      )}
      <p className="help-line">{strings.welcome.needHelp}</p>
    </ScreenFrame>
  );
}
