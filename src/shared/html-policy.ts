/**
 * The one allow-list of user-written HTML (R8): documents and HTML pages. The backend applies it
 * when content is stored (sanitize-html, no DOM needed) and the browser again when it is shown
 * (DOMPurify). Everything not listed here is dropped; no script, event handler, `javascript:`
 * URL, frame, form or style survives either.
 */
export const HTML_TAGS = [
  'p',
  'br',
  'hr',
  'div',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'mark',
  'small',
  'sub',
  'sup',
  'code',
  'pre',
  'kbd',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
] as const;

/** Attributes per tag; `*` applies to every allowed tag. */
export const HTML_ATTRIBUTES: Record<string, readonly string[]> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

/** URL schemes allowed in `href` and `src`; relative URLs are allowed too. */
export const URL_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;

/** Does a URL use an allowed scheme (or none)? Control characters and spaces are ignored, as browsers do. */
export function allowedUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  return scheme === undefined || (URL_SCHEMES as readonly string[]).includes(scheme);
}

/** An image is kept only with a source that can load: http(s), protocol-relative or site-absolute. */
export const usableImageSource = (src: string | null | undefined): boolean =>
  !!src && /^(https?:)?\/\/|^\/(?!\/)/i.test(src.trim());
