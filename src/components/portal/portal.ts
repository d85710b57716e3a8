import { ContextProvider } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { inlineStyles } from '../../internal/inline-styles.js';
import { ActivityRecorder } from '../../api/activity.js';
import { PortalApiClient, type PortalApiOptions } from '../../api/client.js';
import { PortalApiError } from '../../api/errors.js';
import { defaultMessage, noFetchTokenHint } from '../../api/hints.js';
import { bootstrapGet } from '../../contract/routes/pages.js';
import type { Bootstrap } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { clearDrafts, draftScope } from '../../internal/drafts.js';
import { emit } from '../../internal/emit.js';
import { setPortalLocale } from '../../internal/localization.js';
import { isRetryable, messageFor } from '../../internal/messages.js';
import type { SessionScope } from '../../contract/schemas.js';
import type { PkPage } from '../page/page.js';
import { appearanceProperties, type Appearance } from './appearance.js';
import { styles } from './portal.styles.js';

type ShellState =
  | { kind: 'idle'; signedOut?: boolean }
  | { kind: 'loading' }
  | { kind: 'ready'; bootstrap: Bootstrap }
  /** R22: a staff session with no portal yet shows their portfolio. */
  | { kind: 'portfolio' }
  | { kind: 'error'; error: PortalApiError }
  | { kind: 'ended'; error: PortalApiError };

const HASH_KEY = 'pk-page=';

/**
 * The portal shell: turns a launch token into a session and renders what that person may see.
 * With light-DOM children it draws no layout of its own and provides the session to them.
 *
 * @tag pk-portal
 * @slot - Composed layout: portalkit parts that receive the session through context.
 * @csspart base - The shell's outer box.
 * @csspart banner - The "Viewing as" impersonation banner.
 * @csspart header - Logo, portal name and the signed-in person.
 * @csspart nav - Navigation of shared sections and pages.
 * @csspart body - The current page.
 * @csspart status - Loading, empty, error and "session ended" states.
 * @cssprop --pk-font-family - Font of every part.
 * @cssprop --pk-color-primary - Brand colour (the portal's branding from the backend overrides it).
 * @cssprop --pk-color-on-primary - Text on the brand colour.
 * @cssprop --pk-color-text - Body text colour.
 * @cssprop --pk-color-text-muted - Secondary text colour.
 * @cssprop --pk-color-surface - Background of the portal.
 * @cssprop --pk-color-surface-sunken - Background of navigation, wells and skeletons.
 * @cssprop --pk-color-border - Borders and dividers.
 * @cssprop --pk-color-control-border - Edges of inputs, lists and text areas (default: muted text mixed into the surface, at least 3:1 against it in light and dark).
 * @cssprop --pk-color-danger - Errors.
 * @cssprop --pk-color-focus - Keyboard focus ring.
 * @cssprop --pk-color-text-dark - Body text in dark mode (likewise `-muted-dark`, `surface-dark`, `surface-sunken-dark`, `border-dark`, `danger-dark`, `focus-dark`).
 * @cssprop --pk-radius - Corner radius.
 * @cssprop --pk-space - Base spacing unit.
 * @fires pk-ready - The session is open and the portal is drawn.
 * @fires pk-navigate - The person chose another page. Cancelable.
 * @fires pk-error - Something failed; `detail.code` and `detail.hint` are for the developer.
 * @fires pk-session-expired - The session ended and could not be renewed.
 * @fires pk-sign-out - The person signed out.
 * @fires pk-exit-view - An impersonating internal user chose "Exit view".
 */
export class PkPortal extends LitElement {
  static override styles = styles;

  /**
   * Launch token minted by the vendor's backend. A property only: never an attribute, so it
   * stays out of the DOM. A new value is exchanged; the same value again changes nothing (React,
   * Vue and other frameworks assign props again on every render). A token already used
   * elsewhere answers `token_replayed`.
   */
  @property({ attribute: false }) token?: string;

  /** Called for a fresh launch token when the session nears its end or has ended. */
  @property({ attribute: false }) fetchToken?: () => Promise<string>;

  /** Base URL of the portal API. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** BCP 47 locale for strings, dates and numbers. */
  @property() locale = 'en';

  /** `memory` (default) never touches the host's URL; `hash` keeps the page in `location.hash`. */
  @property() routing: 'memory' | 'hash' = 'memory';

  /** Current page id; the host may set it for deep links. */
  @property({ reflect: true }) page?: string;

  /** Forces `light` or `dark`; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /**
   * Colours, fonts, radius, spacing and dark mode, typed (`appearancePresets.light` / `.dark` to
   * start from). Changes restyle the portal in place; `appearance.dark` wins over `theme`.
   */
  @property({ attribute: false }) appearance?: Appearance;

  /** How long page views are batched before they are sent (R15). */
  @property({ type: Number, attribute: 'activity-delay' }) activityDelayMs = 5000;

  @state() private shell: ShellState = { kind: 'idle' };
  @state() private composed = false;
  @state() private menuOpen = false;

  readonly #apiProvider = new ContextProvider(this, { context: apiContext });
  readonly #sessionProvider = new ContextProvider(this, { context: sessionContext });
  #client?: PortalApiClient;
  #activity?: ActivityRecorder;
  /** Bumped on every start: answers for an older token are dropped. */
  #generation = 0;
  /** Bumped on every scope shown (sign-in, renewal, View as, another portal). */
  #entered = 0;
  #readyFired = false;
  #focusPageOnUpdate = false;
  #focusOnReady = false;
  /** The page staff were on when they chose "View as" (R22). */
  #returnTo?: string;
  /** The staff member behind this session, when there is one (R22). */
  #staff?: { id: string; name: string };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    // Staff changed what the portal shows (sharing, branding): navigation and header follow.
    this.addEventListener('pk-settings-change', ({ detail }) => {
      if (detail.area === 'content' || detail.area === 'branding') void this.#refreshBootstrap();
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    this.composed = this.children.length > 0;
    if (this.routing === 'hash') window.addEventListener('hashchange', this.#onHashChange);
    // Re-attached after removal: the old session was dropped, so renew through fetchToken.
    if (this.hasUpdated && this.token && !this.#client) void this.#restart();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    void this.#activity?.flush();
    this.#activity = undefined;
    this.#client?.dispose();
    this.#client = undefined;
  }

  override willUpdate(changed: PropertyValues<this>) {
    // A new token is a new principal: drop the previous one's session before the next render.
    if (changed.has('token') || changed.has('apiBase')) {
      // Focus inside the portal (Exit view, a persona switch) must not fall to <body> when its
      // content is replaced: it goes to the new session's page once it is drawn.
      this.#focusOnReady = this.matches(':focus-within');
      this.#reset(this.token ? { kind: 'loading' } : { kind: 'idle' });
    }
  }

  override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    if ((changed.has('token') || changed.has('apiBase')) && this.token) void this.#start(this.token);
    if (changed.has('locale')) void setPortalLocale(this.locale);
    if (changed.has('routing')) {
      window.removeEventListener('hashchange', this.#onHashChange);
      if (this.routing === 'hash') window.addEventListener('hashchange', this.#onHashChange);
    }
    if (changed.has('page') && this.page && this.shell.kind === 'ready')
      this.#activity?.record('page_view', this.page);
    if (this.shell.kind === 'ready' && !this.#readyFired) {
      this.#readyFired = true;
      if (!changed.has('page') && this.page) this.#activity?.record('page_view', this.page);
      emit(this, 'pk-ready', { portal: this.shell.bootstrap.portal, user: this.shell.bootstrap.user });
      if (this.#focusOnReady) this.#focusPageOnUpdate = true;
      this.#focusOnReady = false;
    }
    if (this.#focusPageOnUpdate) {
      this.#focusPageOnUpdate = false;
      void this.renderRoot.querySelector<PkPage>('pk-page')?.focusHeading();
    }
  }

  async #restart() {
    if (typeof this.fetchToken !== 'function') {
      this.#end(
        new PortalApiError(
          'session_expired',
          defaultMessage('session_expired'),
          401,
          noFetchTokenHint(this.fetchToken),
        ),
      );
      return;
    }
    try {
      await this.#start(await this.fetchToken());
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Nothing of the previous principal stays in memory or on screen. */
  #reset(next: ShellState) {
    this.#generation++;
    void this.#activity?.flush();
    this.#activity = undefined;
    this.#client?.dispose();
    this.#client = undefined;
    this.#apiProvider.setValue(undefined);
    this.#sessionProvider.setValue(undefined);
    this.#readyFired = false;
    this.shell = next;
  }

  /**
   * After a network or server failure: a new token when `fetchToken` is set, else the same one
   * again (a server that failed before using it takes it; one that used it says so).
   */
  #retry() {
    if (this.fetchToken) void this.#restart();
    else if (this.token) void this.#start(this.token);
  }

  async #start(token: string) {
    if (this.shell.kind !== 'loading') this.#reset({ kind: 'loading' });
    const generation = this.#generation;
    const options: PortalApiOptions = {
      apiBase: this.apiBase,
      locale: () => this.locale,
      onSession: (scope) => {
        if (generation !== this.#generation) return;
        if (this.shell.kind !== 'ready' && this.shell.kind !== 'portfolio') return;
        this.#enter(scope);
      },
      onSessionEnded: (error) => {
        if (generation === this.#generation) this.#end(error);
      },
    };
    // Read at call time, so a fetchToken set (or removed) after the token counts.
    Object.defineProperty(options, 'fetchToken', { get: () => this.fetchToken, enumerable: true });
    const client = new PortalApiClient(options);
    this.#client = client;
    try {
      const scope = await client.exchange(token);
      if (generation !== this.#generation) return;
      this.#apiProvider.setValue(client);
      this.#activity = new ActivityRecorder(client, { delayMs: this.activityDelayMs });
      this.#enter(scope, this.page ?? this.#pageFromHash());
    } catch (error) {
      if (generation === this.#generation) this.#fail(error);
    }
  }

  /**
   * Shows what the session now holds. A renewal of the same place keeps the page; another portal
   * (or person) starts at its landing page; no portal shows the staff portfolio (R22).
   */
  #enter(scope: SessionScope, requested?: string) {
    this.#entered++;
    this.#staff = scope.staff;
    const bootstrap = scope.bootstrap;
    if (!bootstrap) {
      this.#sessionProvider.setValue(undefined);
      this.page = undefined;
      this.shell = { kind: 'portfolio' };
      return;
    }
    const previous = this.shell.kind === 'ready' ? this.shell.bootstrap : undefined;
    const same = previous?.portal.id === bootstrap.portal.id && previous.user.id === bootstrap.user.id;
    // R22: "View as" remembers where staff were; "Exit view" takes them back there.
    const viewing = !!bootstrap.user.impersonatedBy;
    if (previous && !previous.user.impersonatedBy && viewing) this.#returnTo = this.page;
    if (previous?.user.impersonatedBy && !viewing && this.#returnTo) {
      requested = this.#returnTo;
      this.#returnTo = undefined;
    }
    this.#sessionProvider.setValue(bootstrap);
    const pages = bootstrap.navigation.flatMap((s) => s.pages.map((p) => p.id));
    const wanted = requested ?? (same ? this.page : undefined);
    this.page = wanted && pages.includes(wanted) ? wanted : (bootstrap.landing?.id ?? pages[0]);
    if (!same) {
      // Another portal or person: announce it again (pk-ready) and move focus to its page.
      this.#readyFired = false;
      if (previous) this.#focusPageOnUpdate = true;
    }
    this.shell = { kind: 'ready', bootstrap };
  }

  /**
   * The bootstrap read again, the person kept on their page when it is still theirs. An answer
   * that arrives after the session moved on (View as, another portal) is dropped.
   */
  async #refreshBootstrap() {
    const client = this.#client;
    if (!client || this.shell.kind !== 'ready') return;
    const entered = this.#entered;
    try {
      const bootstrap = await client.call(bootstrapGet);
      if (entered !== this.#entered || this.shell.kind !== 'ready') return;
      // The landing page on screen keeps its payload: the part showing it (the settings that
      // were just saved) stays as it is, notice and focus included.
      const landing = this.shell.bootstrap.landing;
      if (landing && bootstrap.landing?.id === landing.id) bootstrap.landing = landing;
      this.#enter({ bootstrap, ...(this.#staff ? { staff: this.#staff } : {}) });
    } catch (error) {
      // The change itself was saved; what is on screen stays until the next page load.
      if (entered === this.#entered && error instanceof PortalApiError) this.#report(error);
    }
  }

  /** R22: back to the staff member's portfolio from a portal, in the same session. */
  async #toPortfolio() {
    try {
      await this.#client?.switchPortal(null);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** R12, R22: "Exit view" — the host may take over (cancel the event); else the session returns. */
  async #exitView(user: Bootstrap['user']) {
    if (!emit(this, 'pk-exit-view', { user }, { cancelable: true })) return;
    if (!this.#staff) return; // a token minted for viewing only: the host decides what comes next
    try {
      await this.#client?.viewAs(null);
    } catch (error) {
      this.#fail(error);
    }
  }

  #report(error: PortalApiError) {
    const detail = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    console.error(`[portalkit] ${error.code}: ${error.message}${error.hint ? ` — ${error.hint}` : ''}`);
    emit(this, 'pk-error', detail);
    return detail;
  }

  #fail(error: unknown) {
    if ((error as Error)?.name === 'AbortError') return;
    const apiError =
      error instanceof PortalApiError
        ? error
        : new PortalApiError('unexpected', defaultMessage('unexpected'), 0, String(error));
    this.shell = { kind: 'error', error: apiError };
    this.#report(apiError);
  }

  #end(error: PortalApiError) {
    if (this.shell.kind === 'ended') return;
    this.#reset({ kind: 'ended', error });
    emit(this, 'pk-session-expired', this.#report(error));
  }

  #pageFromHash(): string | undefined {
    if (this.routing !== 'hash') return undefined;
    const hash = decodeURIComponent(location.hash.slice(1));
    return hash.startsWith(HASH_KEY) ? hash.slice(HASH_KEY.length) : undefined;
  }

  readonly #onHashChange = () => {
    const page = this.#pageFromHash();
    if (page && page !== this.page) this.#navigate(page, false);
  };

  /**
   * Goes to a page as if the person picked it: `pk-navigate` is sent first and a listener may
   * cancel it (an editor with unsaved text asks). Returns whether the page changed.
   */
  navigate(pageId: string): boolean {
    return this.#navigate(pageId);
  }

  #navigate(pageId: string, writeHash = true): boolean {
    if (pageId === this.page) return false;
    if (!emit(this, 'pk-navigate', { pageId, from: this.page ?? null }, { cancelable: true })) {
      // Back/forward already changed the address: put it back to the page still shown.
      if (!writeHash && this.routing === 'hash' && this.page)
        history.replaceState(history.state, '', `#${HASH_KEY}${encodeURIComponent(this.page)}`);
      return false;
    }
    this.page = pageId;
    this.menuOpen = false;
    this.#focusPageOnUpdate = true;
    if (writeHash && this.routing === 'hash') location.hash = `${HASH_KEY}${encodeURIComponent(pageId)}`;
    return true;
  }

  async #signOut() {
    const client = this.#client;
    const activity = this.#activity;
    this.#client = undefined;
    this.#activity = undefined;
    const session = this.#sessionProvider.value;
    if (session) clearDrafts(draftScope(session.portal.id, session.user.id));
    this.#reset({ kind: 'idle', signedOut: true });
    // R15: the last batch goes out while the session is still open; then the session ends.
    await activity?.flush();
    await client?.signOut();
    emit(this, 'pk-sign-out', {});
  }

  override render() {
    const brand = this.shell.kind === 'ready' ? this.shell.bootstrap.portal.branding : undefined;
    // The host's appearance, then the portal's own branding (R14) over its brand colour.
    const style = appearanceProperties(this.appearance);
    if (brand)
      Object.assign(style, {
        '--pk-color-primary': brand.primary,
        '--pk-color-on-primary': brand.onPrimary,
        '--_primary': brand.primary,
        '--_on-primary': brand.onPrimary,
      });
    const dark = this.appearance?.dark;
    return html`<div
      part="base"
      style=${inlineStyles(style)}
      data-mode=${dark === undefined ? nothing : dark ? 'dark' : 'light'}
      lang=${this.locale}
    >
      ${this.#content()}
    </div>`;
  }

  #content() {
    const s = this.shell;
    switch (s.kind) {
      case 'idle':
        return html`<div part="status" role="status">
          <p>
            ${s.signedOut ? msg('You have signed out of the portal.') : msg('This portal is waiting for a sign-in token from the host application.')}
          </p>
        </div>`;
      case 'loading':
        return html`<div part="status" role="status" aria-busy="true">
          <span class="sr-only">${msg('Loading portal…')}</span>
          <div class="skeleton"></div>
          <div class="skeleton"></div>
          <div class="skeleton"></div>
        </div>`;
      case 'error':
        return html`<div part="status" role="alert">
          <p class="error-title">${messageFor(s.error.code)}</p>
          <p class="code">${s.error.code}</p>
          ${isRetryable(s.error.code) ? html`<button @click=${this.#retry}>${msg('Try again')}</button>` : nothing}
        </div>`;
      case 'ended':
        return html`<div part="status" role="alert">
          <p class="error-title">${msg('Your session has ended.')}</p>
          <p>${msg('Sign in again from the application to keep working.')}</p>
          <p class="code">${s.error.code}</p>
        </div>`;
      case 'portfolio':
        void import('../../elements/pk-portfolio.js');
        return html`<div class="portfolio">
          <div part="header">
            <div class="title">
              <strong>${msg('Your portfolio')}</strong><span>${this.#staff?.name ?? ''}</span>
            </div>
            <div class="user"><button @click=${this.#signOut}>${msg('Sign out')}</button></div>
          </div>
          <section part="body" id="main" tabindex="-1" aria-label=${msg('Page content')}>
            <pk-portfolio locale=${this.locale}></pk-portfolio>
          </section>
        </div>`;
      case 'ready':
        return this.composed
          ? html`${this.#banner(s.bootstrap)}<slot @slotchange=${this.#onSlotChange}></slot>`
          : this.#layout(s.bootstrap);
    }
  }

  #onSlotChange() {
    this.composed = this.children.length > 0;
  }

  #banner(b: Bootstrap) {
    if (!b.user.impersonatedBy) return nothing;
    return html`<div part="banner" role="region" aria-label=${msg('Viewing as another user')}>
      <span
        >${msg(str`Viewing as ${b.user.name}`)} ·
        ${msg('Read-only: changes are disabled while you view as someone else.')}</span
      >
      <button @click=${() => this.#exitView(b.user)}>${msg('Exit view')}</button>
    </div>`;
  }

  #layout(b: Bootstrap) {
    const landing = b.landing && b.landing.id === this.page ? b.landing : undefined;
    const hasPages = b.navigation.some((s) => s.pages.length > 0);
    // No <header>/<main>: the portal sits inside the host's own landmarks.
    return html`<button class="skip" @click=${this.#skipToMain}>${msg('Skip to content')}</button>
      ${this.#banner(b)}
      <div part="header">
        ${b.tenant.logoUrl ? html`<img src=${b.tenant.logoUrl} alt=${b.tenant.name} />` : nothing}
        <div class="title">
          <strong>${b.portal.name}</strong>
          <span>${b.portal.company}</span>
        </div>
        <button
          class="menu-toggle"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="nav"
          @click=${this.#toggleMenu}
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#closeMenu()}
        >
          ${msg('Menu')}
        </button>
        <div class="user">
          <span class="name">${b.user.name}</span>
          ${this.#staff && !b.user.impersonatedBy ? html`<button @click=${this.#toPortfolio}>${msg('Portfolio')}</button>` : nothing}
          <button @click=${this.#signOut}>${msg('Sign out')}</button>
        </div>
      </div>
      <div class="layout">
        <nav
          part="nav"
          id="nav"
          class=${this.menuOpen ? 'open' : ''}
          aria-label=${msg('Portal')}
          @keydown=${this.#onNavKey}
        >
          ${b.navigation.map(
            (section) =>
              html`${section.title ? html`<h2>${section.title}</h2>` : nothing}
                <ul>
                  ${section.pages.map(
                    (p) =>
                      html`<li>
                        <button
                          aria-current=${p.id === this.page ? 'page' : 'false'}
                          @click=${() => this.#navigate(p.id)}
                        >
                          ${p.title}
                        </button>
                      </li>`,
                  )}
                </ul>`,
          )}
        </nav>
        <section part="body" id="main" tabindex="-1" aria-label=${msg('Page content')}>
          ${
            hasPages && this.page
              ? html`<pk-page page=${this.page} .payload=${landing} locale=${this.locale}></pk-page>`
              : html`<div part="status">
                  <p>${msg('Nothing has been shared with you in this portal yet.')}</p>
                </div>`
          }
        </section>
      </div>`;
  }

  #skipToMain() {
    this.renderRoot.querySelector<HTMLElement>('[part="body"]')?.focus();
  }

  /** Up/Down/Home/End move between navigation items. */
  /** The narrow-layout menu: opening moves focus into it, Escape closes it back to the toggle. */
  async #toggleMenu() {
    if (this.menuOpen) return this.#closeMenu();
    this.menuOpen = true;
    await this.updateComplete;
    const nav = this.renderRoot.querySelector('nav');
    (nav?.querySelector<HTMLElement>('[aria-current="page"]') ?? nav?.querySelector('button'))?.focus();
  }

  async #closeMenu() {
    if (!this.menuOpen) return;
    this.menuOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.menu-toggle')?.focus();
  }

  #onNavKey(event: KeyboardEvent) {
    if (event.key === 'Escape' && this.menuOpen) {
      event.preventDefault();
      void this.#closeMenu();
      return;
    }
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('nav button')];
    const index = items.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  }
}
