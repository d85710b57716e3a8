// R8: user-written content is sanitised when stored, with the same allow-list the browser uses
// when showing it (src/internal/html-policy.ts). sanitize-html needs no DOM, so this runs in Node
// and in the browser (msw) alike.
import sanitize from 'sanitize-html';
import {
  allowedUrl,
  HTML_ATTRIBUTES,
  HTML_TAGS,
  URL_SCHEMES,
  usableImageSource,
} from '../../src/internal/html-policy.js';

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

const TEXT_OPTIONS: sanitize.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};
const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Plain text (comments, names): markup removed, text kept as typed ("a < b" stays). Repeated
 * until stable, so an escaped tag cannot come back as a real one once unescaped.
 */
export function sanitizeStoredText(text: string): string {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const next = sanitize(current, TEXT_OPTIONS).replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]!);
    if (next === current) return next;
    current = next;
  }
  return current;
}
