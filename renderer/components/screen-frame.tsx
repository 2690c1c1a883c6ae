// The frame of every screen: its title, its body and its action buttons, all read aloud when asked.
import { useRef, type ReactNode } from 'react';
import { useReadAloud, useScreenSpeech } from '../read-aloud';
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

/** Draws a screen with one title, its content and a row of actions at the bottom; reads it with read-aloud. */
export function ScreenFrame({ screen, stage, title, children, actions, alert }: ScreenFrameProps) {
  const { readAloud, strings } = useUi();
  const section = useRef<HTMLElement>(null);
  useReadAloud(title, readAloud, strings.meta.speechLang);
  useScreenSpeech(section, title, readAloud, strings.meta.speechLang);
  const [name, stageName] = typeof screen === 'string' ? [screen, stage] : [screen.step, screen.stage];
  return (
    <section className="screen" data-screen={name} data-stage={stageName} ref={section}>
      {alert}
      <h1 className="screen-title">{title}</h1>
      {/* Focusable, so a keyboard or a switch can scroll a long text (axe: scrollable-region-focusable). */}
      {children !== undefined && (
        <div className="screen-body" tabIndex={0}>
          {children}
        </div>
      )}
      {actions !== undefined && <div className="screen-actions">{actions}</div>}
    </section>
  );
}
