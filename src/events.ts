/** Detail of `pk-error`: a precise code for the developer, a message for the person. */
export interface PkErrorDetail {
  code: string;
  message: string;
  hint?: string;
}

declare global {
  interface HTMLElementEventMap {
    'pk-error': CustomEvent<PkErrorDetail>;
  }
}
