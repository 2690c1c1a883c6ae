// The frame of every screen: its title (read aloud when asked), its body, and its action buttons.
import type { ReactNode } from 'react';
import { useReadAloud } from '../read-aloud';
import { useUi } from '../ui-context';

/** A step's view as the frame needs it: its step and, when the step has stages, its stage. */
export interface FramedView {
  readonly step: string;
  readonly stage?: string;
}

/**
 * Props of ScreenFrame; `screen` (a name, or a step's view giving its step and stage) and `stage` become
 * `data-screen` and `data-stage` for end-to-end tests.
 */
export interface ScreenFrameProps {
  readonly screen: string | FramedView;
  readonly stage?: string;
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  /** Something the patient must not miss, drawn above the title. */
  readonly alert?: ReactNode;
}

/** Draws a screen with one title, its content and a row of actions at the bottom. */
export function ScreenFrame({ screen, stage, title, children, actions, alert }: ScreenFrameProps) {
  const { readAloud, strings } = useUi();
  useReadAloud(title, readAloud, strings.meta.speechLang);
  const [name, stageName] = typeof screen === 'string' ? [screen, stage] : [screen.step, screen.stage];
  return (
    <section className="screen" data-screen={name} data-stage={stageName}>
      {alert}
      <h1 className="screen-title">{title}</h1>
      {children !== undefined && <div className="screen-body">{children}</div>}
      {actions !== undefined && <div className="screen-actions">{actions}</div>}
    </section>
  );
}
