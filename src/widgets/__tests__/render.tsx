/** Small helpers to render React into jsdom and drive it like a user (no testing library). */
import * as React from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;

export interface IRendered {
  node: HTMLElement;
  root: Root;
  unmount(): void;
}

export function render(element: React.ReactElement): IRendered {
  const node = document.createElement('div');
  document.body.appendChild(node);
  const root = createRoot(node);
  act(() => root.render(element));
  return {
    node,
    root,
    unmount: () => {
      act(() => root.unmount());
      node.remove();
    }
  };
}

/**
 * Let pending promises and zero-delay timers run. One act per round: React flushes effects
 * (which may start timers) only when an act ends.
 */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0));
    });
  }
}

/** Type into a React-controlled input (React listens to the native input event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(
    HTMLInputElement.prototype,
    'value'
  )!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function press(target: Element, key: string): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

export function click(target: Element): void {
  act(() => {
    (target as HTMLElement).click();
  });
}
