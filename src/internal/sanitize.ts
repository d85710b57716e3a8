import { allowedUrl, HTML_ATTRIBUTES, HTML_TAGS, usableImageSource } from '../shared/html-policy.js';

let purifier: Promise<(html: string) => string> | undefined;

async function loadPurifier() {
  const { default: DOMPurify } = await import('dompurify');
  const purify = DOMPurify();
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if ((data.attrName === 'href' || data.attrName === 'src') && !allowedUrl(data.attrValue))
      data.keepAttr = false;
  });
  // An image without a usable source is a broken image: drop it (its alt text goes with it).
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG' && !usableImageSource(node.getAttribute('src'))) node.remove();
  });
  const config = {
    ALLOWED_TAGS: [...HTML_TAGS],
    ALLOWED_ATTR: [...new Set(Object.values(HTML_ATTRIBUTES).flat())],
    ALLOW_DATA_ATTR: false,
  };
  return (html: string) => purify.sanitize(html, config);
}

/**
 * Sanitises untrusted HTML (documents, HTML pages) with the shared allow-list: no script from
 * content ever runs (R8). The backend sanitised it when stored; this is the second line.
 * DOMPurify is loaded on first use so the shell stays small.
 */
export async function sanitizeHtml(html: string): Promise<string> {
  return (await (purifier ??= loadPurifier()))(html);
}

/** A Trusted Types policy; its TrustedHTML is typed as the string TypeScript's `innerHTML` takes. */
type HtmlPolicy = { createHTML(html: string): string };
let policy: HtmlPolicy | null | undefined;

/**
 * Sanitised HTML as a Trusted Types value, for the places that assign markup to the DOM
 * themselves (the document editor): it goes through the policy named `portalkit`, whose only
 * way to make HTML is this sanitiser — so a page enforcing Trusted Types
 * (`require-trusted-types-for 'script'; trusted-types portalkit dompurify lit-html`) accepts it.
 * Without Trusted Types (or when a second copy of portalkit on the page holds the name), a string.
 */
export async function trustedHtml(html: string): Promise<string> {
  const sanitize = await (purifier ??= loadPurifier());
  if (policy === undefined) {
    const factory = (
      globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): HtmlPolicy } }
    ).trustedTypes;
    try {
      policy = factory
        ? factory.createPolicy('portalkit', { createHTML: (input: string) => sanitize(input) })
        : null;
    } catch {
      policy = null;
    }
  }
  return policy ? policy.createHTML(html) : sanitize(html);
}
