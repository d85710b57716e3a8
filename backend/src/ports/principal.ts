/** Who is asking, as a session holds it. The rules resolve it once per request into a Viewer (rules/viewer.ts). */
export type Principal =
  /** An external user (portal user, a contact of the portal's company). */
  | { kind: 'external'; portalId: string; contactId: string }
  /** An internal user (vendor staff) opening a portal. */
  | { kind: 'internal'; userId: string; portalId: string }
  /** R22: an internal user whose launch token named no portal: their portfolio, no portal yet. */
  | { kind: 'staff'; userId: string }
  /**
   * R12: an internal user viewing the portal exactly as external user `contactId`, read-only —
   * from a launch token with an `act` claim (`via: 'token'`), or from their own staff session
   * (`via: 'view-as'`, the only one "Exit view" ends).
   */
  | {
      kind: 'impersonation';
      actorId: string;
      portalId: string;
      contactId: string;
      via?: 'token' | 'view-as';
    };
