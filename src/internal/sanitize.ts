/**
 * Sanitises untrusted HTML (documents, HTML pages): no script from content ever runs (R8).
 * DOMPurify is loaded on first use so the shell stays small.
 */
export async function sanitizeHtml(html: string): Promise<string> {
  const { default: DOMPurify } = await import('dompurify');
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form'],
    FORBID_ATTR: ['style'],
  });
}
