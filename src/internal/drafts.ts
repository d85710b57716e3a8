/**
 * Unsaved document text, per portal, person and page, in this tab's sessionStorage: it survives
 * navigation and reload, never leaves the browser, and ends with the tab or on sign-out.
 */
export interface Draft {
  body: string;
  /** The version the person started editing from: saving on top of it detects a newer one (R8). */
  baseVersion: number;
  savedAt: string;
}

const PREFIX = 'portalkit:draft:';

export const draftScope = (portalId: string, userId: string) =>
  `${PREFIX}${encodeURIComponent(portalId)}:${encodeURIComponent(userId)}:`;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage disabled (some embedded contexts): drafts live in memory only
  }
}

export function loadDraft(scope: string, pageId: string): Draft | undefined {
  try {
    const raw = storage()?.getItem(scope + encodeURIComponent(pageId));
    const draft = raw ? (JSON.parse(raw) as Partial<Draft>) : undefined;
    return draft && typeof draft.body === 'string' && typeof draft.baseVersion === 'number'
      ? { body: draft.body, baseVersion: draft.baseVersion, savedAt: String(draft.savedAt ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(scope: string, pageId: string, draft: Draft): void {
  try {
    storage()?.setItem(scope + encodeURIComponent(pageId), JSON.stringify(draft));
  } catch {
    // Quota or disabled storage: the draft still lives in the open editor.
  }
}

export function clearDraft(scope: string, pageId: string): void {
  storage()?.removeItem(scope + encodeURIComponent(pageId));
}

/** Every draft of one person in one portal (sign-out). */
export function clearDrafts(scope: string): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(scope)) store.removeItem(key);
}
