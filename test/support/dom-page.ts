// A React page mounted in jsdom, and the gestures a test makes on it like a person would: find by test
// id, touch, type, read the text. The cabin's screens and the practitioner's console both build on it.
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A mounted page and the ways a test interacts with it. */
export interface DomPage {
  readonly container: HTMLElement;
  /** Finds the element with a `data-testid`, or throws naming it. */
  get(testId: string): HTMLElement;
  query(testId: string): HTMLElement | null;
  /** Every element with this `data-testid`, in document order. */
  all(testId: string): HTMLElement[];
  /** Touches the element with this test id and lets the answers arrive. */
  click(testId: string): Promise<void>;
  /** Types a value into the input or text area with this test id, as React sees real typing. */
  type(testId: string, value: string): Promise<void>;
  /** The visible text of the whole page. */
  text(): string;
  /** Lets pending work (promises, effects) run, as the page's own `settle` says. */
  settle(): Promise<void>;
  unmount(): void;
}

/** Mounts `element` in a new container of the document and lets it settle with `settle`. */
export async function mountPage(element: ReactElement, settle: () => Promise<void>): Promise<DomPage> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | null = null;
  act(() => {
    root = createRoot(container);
    root.render(element);
  });
  await settle();
  const query = (testId: string): HTMLElement | null => container.querySelector(`[data-testid="${testId}"]`);
  const get = (testId: string): HTMLElement => {
    const element = query(testId);
    if (element === null)
      throw new Error(`no element with data-testid="${testId}" in: ${container.innerHTML}`);
    return element;
  };
  return {
    container,
    get,
    query,
    all: (testId) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)],
    async click(testId) {
      const element = get(testId);
      act(() => element.click());
      await settle();
    },
    async type(testId, value) {
      const element = get(testId);
      // React listens to the native value setter plus an input event.
      const prototype =
        element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, 'value');
      act(() => {
        descriptor?.set?.call(element, value);
        element.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle();
    },
    text: () => container.textContent ?? '',
    settle,
    unmount() {
      act(() => root?.unmount());
      container.remove();
    },
  };
}
