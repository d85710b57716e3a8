/** Names of the public `pk-` events, taken from the typed event map. */
export type PkEventName = Extract<keyof HTMLElementEventMap, `pk-${string}`>;

type DetailOf<K extends PkEventName> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Fires a public event: bubbling and composed so it leaves every shadow root.
 * Returns false when a listener cancelled a cancelable event.
 */
export function emit<K extends PkEventName>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  return target.dispatchEvent(event);
}
