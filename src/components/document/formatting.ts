import { msg, str } from '@lit/localize';
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { allowedUrl, HTML_ATTRIBUTES, HTML_TAGS } from '../../shared/html-policy.js';

type FormatName = 'bold' | 'italic' | 'bulleted' | 'numbered' | 'link';

interface Format {
  name: FormatName;
  label: () => string;
  /** The editing command (`document.execCommand`) that applies and removes it. */
  command: string;
  /** What the command writes into the document: offered only when the allow-list keeps it. */
  tags: readonly string[];
  attributes?: Record<string, readonly string[]>;
  shortcut?: string;
  icon: ReturnType<typeof html>;
}

const listIcon = (numbered: boolean) =>
  html`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    ${
      numbered
        ? svg`<path d="M1.5 2.2l1-.7v4.5M1 10h2.4l-2.4 3.5h2.6" fill="none" stroke="currentColor" stroke-width="1.1" />`
        : svg`<circle cx="2" cy="4" r="1.5" /><circle cx="2" cy="12" r="1.5" />`
    }
    <path d="M6 4h9M6 12h9" stroke="currentColor" stroke-width="1.6" />
  </svg>`;

const FORMATS: readonly Format[] = [
  {
    name: 'bold',
    label: () => msg('Bold'),
    command: 'bold',
    tags: ['b'],
    shortcut: 'b',
    icon: html`<b aria-hidden="true">B</b>`,
  },
  {
    name: 'italic',
    label: () => msg('Italic'),
    command: 'italic',
    tags: ['i'],
    shortcut: 'i',
    icon: html`<i aria-hidden="true">I</i>`,
  },
  {
    name: 'bulleted',
    label: () => msg('Bulleted list'),
    command: 'insertUnorderedList',
    tags: ['ul', 'li'],
    icon: listIcon(false),
  },
  {
    name: 'numbered',
    label: () => msg('Numbered list'),
    command: 'insertOrderedList',
    tags: ['ol', 'li'],
    icon: listIcon(true),
  },
  {
    name: 'link',
    label: () => msg('Link'),
    command: 'createLink',
    tags: ['a'],
    attributes: { a: ['href'] },
    shortcut: 'k',
    icon: html`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path
        d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linecap="round"
      />
    </svg>`,
  },
];

/** The formats whose markup the HTML allow-list (R8) keeps: nothing is offered that saving drops. */
const OFFERED = FORMATS.filter(
  (f) =>
    f.tags.every((t) => (HTML_TAGS as readonly string[]).includes(t)) &&
    Object.entries(f.attributes ?? {}).every(([tag, names]) =>
      names.every((n) => HTML_ATTRIBUTES[tag]?.includes(n)),
    ),
);

/**
 * Bold, italic, lists and links for the contenteditable document editor: a toolbar (one tab stop,
 * arrows move between buttons, each shows whether it applies where the caret is), Ctrl/⌘+B, I and
 * K in the editor, and a small form for a link's address. The selection is kept while the person
 * is in the toolbar, so a button acts on the text they chose.
 */
export class FormattingController implements ReactiveController {
  /** Which formats apply where the caret is. */
  active = new Set<FormatName>();
  /** The link form is open. */
  linkOpen = false;
  linkError = '';
  #focusIndex = 0;
  /** The editor's selection when focus left it (for the toolbar and the link form). */
  #savedRange?: Range;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly editor: () => HTMLElement | undefined,
  ) {
    host.addController(this);
  }

  hostConnected() {
    document.addEventListener('selectionchange', this.#refresh);
  }

  hostDisconnected() {
    document.removeEventListener('selectionchange', this.#refresh);
  }

  /** The toolbar, then the link form when it is open. `editorId` names what they format. */
  render(editorId: string) {
    return html`<div
        class="format-toolbar"
        role="toolbar"
        aria-label=${msg('Formatting')}
        aria-controls=${editorId}
        @keydown=${this.#onToolbarKey}
      >
        ${OFFERED.map(
          (format, i) =>
            html`<button
              type="button"
              aria-label=${format.label()}
              title=${format.shortcut ? msg(str`${format.label()} (Ctrl+${format.shortcut.toUpperCase()})`) : format.label()}
              aria-pressed=${this.active.has(format.name) ? 'true' : 'false'}
              tabindex=${i === this.#focusIndex ? 0 : -1}
              @mousedown=${(e: Event) => e.preventDefault()}
              @focus=${() => (this.#focusIndex = i)}
              @click=${() => this.#apply(format)}
            >
              ${format.icon}
            </button>`,
        )}
      </div>
      ${this.linkOpen ? this.#linkForm() : nothing}`;
  }

  /** For the editor's keydown: the shortcuts of the formats. */
  readonly onEditorKey = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const format = OFFERED.find((f) => f.shortcut === event.key.toLowerCase());
    if (!format) return;
    // The browser's own Ctrl+B would toggle a second time, and Ctrl+K would leave the page.
    event.preventDefault();
    this.#apply(format);
  };

  /** For the editor's blur: remember what was selected. */
  readonly onEditorBlur = () => {
    this.#savedRange = this.#range()?.cloneRange() ?? this.#savedRange;
  };

  #linkForm() {
    return html`<form class="link-form" @submit=${this.#submitLink} @keydown=${this.#onLinkKey}>
      <label>
        ${msg('Link address')}
        <input
          name="href"
          inputmode="url"
          autocomplete="url"
          placeholder="https://"
          aria-invalid=${this.linkError ? 'true' : 'false'}
          aria-describedby="link-error"
        />
      </label>
      <button type="submit">${msg('Add link')}</button>
      <button type="button" @click=${() => this.#closeLink()}>${msg('Cancel')}</button>
      <span id="link-error" class="error" role="alert">${this.linkError}</span>
    </form>`;
  }

  #selection(): Selection | null {
    // Chromium and WebKit give a shadow root its own view of the selection.
    const root = this.host.renderRoot as ShadowRoot & { getSelection?: () => Selection | null };
    return root.getSelection?.() ?? document.getSelection();
  }

  /** The selection when it is inside the editor. */
  #range(): Range | undefined {
    const selection = this.#selection();
    const editor = this.editor();
    if (!editor || !selection?.rangeCount) return undefined;
    const range = selection.getRangeAt(0);
    return editor.contains(range.commonAncestorContainer) ? range : undefined;
  }

  /** Focus back in the editor on the text the person chose. */
  #returnToEditor() {
    const editor = this.editor();
    if (!editor) return;
    if (this.host.renderRoot instanceof ShadowRoot && this.host.renderRoot.activeElement === editor) return;
    editor.focus();
    if (this.#savedRange) {
      const selection = this.#selection();
      selection?.removeAllRanges();
      selection?.addRange(this.#savedRange);
    }
  }

  #apply(format: Format) {
    if (format.name === 'link') {
      if (this.active.has('link')) this.#unlink();
      else void this.#openLink();
      return;
    }
    this.#returnToEditor();
    const editor = this.editor();
    const before = this.#range();
    const caret = editor && before?.collapsed ? textOffset(editor, before) : undefined;
    document.execCommand(format.command);
    if (editor) {
      // Chromium can nest a new list in the paragraph it came from (`<p><ul>`), which HTML does
      // not allow: the list takes the paragraph's place.
      for (const list of editor.querySelectorAll(':is(p, h1, h2, h3, h4, h5, h6) > :is(ul, ol)')) {
        const block = list.parentElement!;
        if (block.children.length === 1 && !block.textContent!.replace(list.textContent!, '').trim())
          block.replaceWith(list);
      }
      // …and moves the caret to the start of the new list item: it stays where the person typed.
      // (Only then: placing it again would drop the bold or italic just turned on for typing.)
      const after = this.#range();
      if (caret !== undefined && after && textOffset(editor, after) !== caret)
        placeCaret(this.#selection(), editor, caret);
    }
    this.#refresh();
  }

  async #openLink() {
    this.#savedRange = this.#range()?.cloneRange() ?? this.#savedRange;
    this.linkOpen = true;
    this.linkError = '';
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('.link-form input')?.focus();
  }

  #closeLink() {
    this.linkOpen = false;
    this.linkError = '';
    this.host.requestUpdate();
    this.#returnToEditor();
  }

  readonly #onLinkKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#closeLink();
  };

  readonly #submitLink = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('href') as HTMLInputElement;
    const href = input.value.trim();
    if (!href || !allowedUrl(href)) {
      this.linkError = msg('Enter a web address (https://…), an email (mailto:…) or a phone number (tel:…).');
      this.host.requestUpdate();
      input.focus();
      return;
    }
    this.linkOpen = false;
    this.linkError = '';
    this.#returnToEditor();
    const range = this.#range();
    if (range?.collapsed) {
      // Nothing chosen: the address itself becomes the link's text.
      const text = document.createTextNode(href);
      range.insertNode(text);
      range.selectNodeContents(text);
      const selection = this.#selection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    document.execCommand('createLink', false, href);
    this.#refresh();
  };

  #unlink() {
    this.#returnToEditor();
    const range = this.#range();
    const link = range && closestElement(range.startContainer, 'a');
    if (link) {
      // The whole link goes, not just the part the caret is in.
      range.selectNodeContents(link);
      const selection = this.#selection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    document.execCommand('unlink');
    this.#refresh();
  }

  #onToolbarKey = (event: KeyboardEvent) => {
    const count = OFFERED.length;
    const next = {
      ArrowRight: this.#focusIndex + 1,
      ArrowLeft: this.#focusIndex - 1 + count,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#focusIndex = next % count;
    this.host.requestUpdate();
    (event.currentTarget as HTMLElement).querySelectorAll('button')[this.#focusIndex]?.focus();
  };

  readonly #refresh = () => {
    const range = this.#range();
    if (!range) return;
    const next = new Set<FormatName>();
    for (const format of OFFERED)
      if (
        format.name === 'link'
          ? closestElement(range.startContainer, 'a')
          : document.queryCommandState(format.command)
      )
        next.add(format.name);
    if ([...next].join() !== [...this.active].join()) {
      this.active = next;
      this.host.requestUpdate();
    }
  };
}

/** How many characters of the editor's text come before the start of `range`. */
function textOffset(editor: HTMLElement, range: Range): number {
  const before = document.createRange();
  before.selectNodeContents(editor);
  before.setEnd(range.startContainer, range.startOffset);
  return before.toString().length;
}

/** Puts the caret after the `offset`-th character of the editor's text. */
function placeCaret(selection: Selection | null, editor: HTMLElement, offset: number) {
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  for (let left = offset, node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent!.length;
    if (left <= length) {
      selection?.collapse(node, left);
      return;
    }
    left -= length;
  }
}

function closestElement(node: Node, selector: string): Element | null {
  return (node instanceof Element ? node : node.parentElement)?.closest(selector) ?? null;
}
