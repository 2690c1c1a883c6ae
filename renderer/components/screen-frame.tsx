// The frame of every screen: its title (read aloud when asked), its body, and its action buttons.
import type { ReactNode } from 'react';
import { useReadAloud } from '../read-aloud';
import { useUi } from '../ui-context';

/** Props of ScreenFrame; `screen` and `stage` become `data-screen` and `data-stage` for end-to-end tests. */
export interface ScreenFrameProps {
  readonly screen: string;
  readonly stage?: string;
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}

/** Draws a screen with one title, its content and a row of actions at the bottom. */
export function ScreenFrame({ screen, stage, title, children, actions }: ScreenFrameProps) {
  const { readAloud, strings } = useUi();
  useReadAloud(title, readAloud, strings.meta.speechLang);
  return (
    <section className="screen" data-screen={screen} data-stage={stage}>
      <h1 className="screen-title">{title}</h1>
      {children !== undefined && <div className="screen-body">{children}</div>}
      {actions !== undefined && <div className="screen-actions">{actions}</div>}
    </section>
  );
}
