// Keyset cursors as clients see them: opaque base64url text holding a small JSON object (what a
// list's last row was, in which order). Each list checks the object's shape itself.

/** `value` as a cursor (JSON, UTF-8, base64url without padding). */
export function encodeCursorJson(value: unknown): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What a cursor holds, or undefined when it is not one (not base64url, not UTF-8, not JSON). */
export function decodeCursorJson(text: string): unknown {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    ) as unknown;
  } catch {
    return undefined;
  }
}
