// R8: user-written content is sanitised when stored, with the same allow-list the browser uses
// when showing it (src/shared/html-policy.ts). sanitize-html needs no DOM, so this runs in Node
// and in the browser (msw) alike.
import sanitize from 'sanitize-html';
import {
  allowedUrl,
  HTML_ATTRIBUTES,
  HTML_TAGS,
  URL_SCHEMES,
  usableImageSource,
} from '../../../src/shared/html-policy.js';

const HTML_OPTIONS: sanitize.IOptions = {
  allowedTags: [...HTML_TAGS],
  allowedAttributes: Object.fromEntries(
    Object.entries(HTML_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]]),
  ),
  allowedSchemes: [...URL_SCHEMES],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
  // An image without a usable source is a broken image: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !usableImageSource(frame.attribs.src),
  transformTags: {
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return { tagName, attribs: href !== undefined && allowedUrl(href) ? { ...attribs } : rest };
    },
  },
};

/** HTML kept to the allow-list: documents, HTML pages. */
export function sanitizeStoredHtml(html: string): string {
  return sanitize(html, HTML_OPTIONS);
}

/** Elements that run code or load a document when text is taken as HTML. */
const RUNNING_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'template',
  'noscript',
  'portal',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'background',
  'poster',
  'srcset',
  'lowsrc',
  'dynsrc',
]);
/** Parse only: every tag and attribute kept, every scheme kept, so the filter sees them all. */
const INSPECT_OPTIONS: sanitize.IOptions = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedSchemes: ['javascript', 'vbscript', 'data', 'http', 'https', 'mailto', 'tel', 'ftp'],
  allowProtocolRelative: true,
};

/**
 * R8: what in a piece of plain text would run if anything ever took it as HTML — an element that
 * runs or loads code, an event handler, a `javascript:`/`vbscript:`/`data:` link — described for
 * the person who typed it, in words that are not markup themselves; `undefined` when nothing would
 * (`a<b`, `<Enter>`, `<b>` are harmless). Plain text holding such markup is refused, never stored.
 */
export function runnableMarkup(text: string): string | undefined {
  if (!text.includes('<')) return undefined;
  let found: string | undefined;
  sanitize(text, {
    ...INSPECT_OPTIONS,
    exclusiveFilter(frame) {
      if (RUNNING_TAGS.has(frame.tag)) found ??= `a ${frame.tag} element`;
      for (const [name, value] of Object.entries(frame.attribs)) {
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
        const url = [...String(value)]
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('')
          .toLowerCase();
        if (/^on/i.test(name)) found ??= `an event handler (${name})`;
        else if (name === 'srcdoc') found ??= 'an embedded document (srcdoc)';
        else if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(url))
          found ??= `a ${url.slice(0, url.indexOf(':'))} link`;
        else if (name === 'style' && /expression\(|javascript:/.test(url)) found ??= 'a style that runs code';
      }
      return false;
    },
  });
  return found;
}

type Path = (string | number)[];

/**
 * Every string of `value` (a request body, an import) that holds markup that would run, with its
 * path; `isHtml(path)` names the fields that are HTML (sanitised to the allow-list instead).
 */
export function runnableText(
  value: unknown,
  isHtml: (path: Path) => boolean = () => false,
  path: Path = [],
): { path: Path; reason: string }[] {
  if (typeof value === 'string') {
    const runs = isHtml(path) ? undefined : runnableMarkup(value);
    return runs ? [{ path, reason: `text cannot hold markup that would run (${runs})` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => runnableText(item, isHtml, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => runnableText(item, isHtml, [...path, key]));
  return [];
}
