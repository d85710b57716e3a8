// Browser-test helpers for the shell: one msw worker per test file, a fresh demo world per test.
import { oneEvent } from '@open-wc/testing';
import { startMockBackend } from '../../server-mock/msw/browser.js';
import { demoWorld, type PersonaName } from '../../server-mock/demo-world.js';
import type { PkPortal } from '../../src/index.js';
import { tokenFor } from './backend.js';

let started: ReturnType<typeof startMockBackend> | undefined;

/** The mock backend behind `/api` in this page, reset to the demo world. */
export async function mockBackend() {
  started ??= startMockBackend(demoWorld(), { checkAnswers: true });
  const { backend } = await started;
  backend.reset(demoWorld());
  backend.configure({ sessionSeconds: 18 * 3600, latencyMs: 0, now: () => new Date() });
  return backend;
}

/** Sets a persona's token on a portal and waits for pk-ready. */
export async function signInPortal(portal: PkPortal, persona: PersonaName) {
  const ready = oneEvent(portal, 'pk-ready');
  portal.token = await tokenFor(persona);
  await ready;
  await portal.updateComplete;
  return portal;
}

export const shadow = (el: Element) => el.shadowRoot!;
export const navLabels = (portal: PkPortal) =>
  [...shadow(portal).querySelectorAll('nav button')].map((b) => b.textContent!.trim());
export const page = (portal: PkPortal) => shadow(portal).querySelector('pk-page')!;

/** Waits until `check` passes (or fails after `timeout` ms). */
export async function until(check: () => boolean, timeout = 3000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Text of a node and of every shadow root below it (parts nest: page → data table → …). */
export function deepText(node: Node | null | undefined): string {
  if (!node) return '';
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const el = child as Element;
      if (el.tagName === 'STYLE') continue;
      if (el.shadowRoot) text += deepText(el.shadowRoot);
      text += deepText(el);
    }
  }
  return text;
}

/** Elements matching `selector` in a root and every shadow root below it. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) found.push(...deepQueryAll<T>(el.shadowRoot, selector));
  return found;
}

export const pageText = (portal: PkPortal) => deepText(page(portal)?.shadowRoot);
