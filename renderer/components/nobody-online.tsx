// "Nobody of that kind is online", said one way wherever the cabin learns it (on choosing a kind of
// professional, or in the waiting room), with the ways out: another kind, an appointment code, leaving.
import type { ReactNode } from 'react';
import type { Profession } from '../../contract/domain';
import type { PlainActionType } from '../screens/step-props';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { QuitButton } from './quit-button';
import { ScreenFrame, type FramedView } from './screen-frame';

/** Props of NobodyOnline. */
export interface NobodyOnlineProps {
  readonly screen: FramedView;
  readonly profession: Profession | null;
  /** Said first, before who is not online (the professional who just left). */
  readonly before?: ReactNode;
  /** Said last, in small print (what staying on the screen does). */
  readonly note?: ReactNode;
  readonly send: (type: PlainActionType) => () => void;
  readonly requestQuit: () => void;
}

/** Draws the "nobody is available" screen with its three ways out. */
export function NobodyOnline({ screen, profession, before, note, send, requestQuit }: NobodyOnlineProps) {
  const { strings } = useUi();
  const s = strings.waitingRoom;
  return (
    <ScreenFrame
      screen={screen}
      title={s.nobodyOnlineTitle}
      actions={
        <>
          <QuitButton testId="nobody-online-quit" requestQuit={requestQuit} />
          <ActionButton
            testId="have-appointment-code"
            kind="secondary"
            onPress={send('patient.haveAppointmentCode')}
          >
            {s.haveCode}
          </ActionButton>
          <ActionButton testId="choose-another-profession" onPress={send('patient.seeNextAvailable')}>
            {s.chooseAnother}
          </ActionButton>
        </>
      }
    >
      <div role="status" data-testid="nobody-online">
        {before}
        {profession !== null && <p className="lead lead-strong">{s.nobodyOnline[profession]}</p>}
        <p className="lead">{s.nobodyKnows}</p>
      </div>
      <p className="lead">{s.youCan}</p>
      {note}
    </ScreenFrame>
  );
}
