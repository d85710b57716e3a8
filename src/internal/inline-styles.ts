// Inline styles that a strict Content-Security-Policy allows. Lit's styleMap writes its first
// render as a `style` attribute, which `style-src 'self'` (no 'unsafe-inline') blocks; this
// directive sets every property through the CSSOM (element.style), which CSP does not govern.
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

export type StyleInfo = Readonly<Record<string, string | number | undefined | null>>;

class InlineStylesDirective extends Directive {
  #previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style')
      throw new Error('inlineStyles() belongs in a `style` attribute binding.');
  }

  render(_styles: StyleInfo) {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [StyleInfo]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (styles[name] == null) style.removeProperty(cssName(name));
    for (const [name, value] of Object.entries(styles))
      if (value != null) style.setProperty(cssName(name), String(value));
    this.#previous = new Set(Object.keys(styles));
    return noChange;
  }
}

/** `fontFamily` → `font-family`; custom properties (`--pk-x`) as they are. */
const cssName = (name: string) =>
  name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `style=${inlineStyles({ width: '40%', '--pk-space': '8px' })}`: styles set through the CSSOM. */
export const inlineStyles = directive(InlineStylesDirective);
