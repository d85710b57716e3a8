// The typed appearance API (#15): presets, runtime changes without remount or lost state, the
// first frame already in the chosen theme, values that cannot inject declarations, and the
// portal's own branding (R14) over the host's brand colour.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import fc from 'fast-check';
import { contrastRatio } from '../../../src/shared/contrast.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { appearancePresets, type Appearance, type PkPortal } from '../../../src/index.js';
import { ready } from '../../../src/portalkit.js';
import {
  deepQueryAll,
  mockBackend,
  page,
  pageText,
  shadow,
  signInPortal,
  until,
} from '../../helpers/portal.js';

const base = (portal: PkPortal) => shadow(portal).querySelector<HTMLElement>('[part="base"]')!;
const hex = (rgb: string) =>
  '#' +
  rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('');
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<pk-portal> appearance', () => {
  before(() => ready);
  beforeEach(() => mockBackend());

  it('a dark appearance set before the element is added is there in its first frame', async () => {
    const portal = document.createElement('pk-portal');
    portal.appearance = appearancePresets.dark;
    document.body.append(portal);
    try {
      // The first animation frame after insertion: what the browser is about to paint.
      await nextFrame();
      expect(getComputedStyle(base(portal)).backgroundColor).to.equal('rgb(22, 25, 29)');
      expect(getComputedStyle(base(portal)).color).to.equal('rgb(230, 232, 235)');
    } finally {
      portal.remove();
    }
  });

  it('changes at runtime restyle every part in place: same element, same page', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    portal.page = 'pg-licenses';
    await until(() => pageText(portal).includes('Product'), 5000, 'the licenses table');
    const pageElement = page(portal);
    const appearance: Appearance = {
      colors: { surface: '#101820', text: '#fafafa', border: '#334455' },
      fonts: { body: 'Georgia, serif' },
      radius: 2,
      spacing: '6px',
    };
    portal.appearance = appearance;
    await portal.updateComplete;
    const shell = getComputedStyle(base(portal));
    expect(shell.backgroundColor).to.equal('rgb(16, 24, 32)');
    expect(shell.borderTopLeftRadius).to.equal('2px');
    expect(shell.fontFamily).to.contain('Georgia');
    // A part inside reads the same properties.
    expect(getComputedStyle(pageElement).color).to.equal('rgb(250, 250, 250)');
    expect(page(portal)).to.equal(pageElement);
    expect(portal.page).to.equal('pg-licenses');

    portal.appearance = { ...appearance, dark: true, colors: appearancePresets.dark.colors };
    await portal.updateComplete;
    expect(getComputedStyle(base(portal)).backgroundColor).to.equal('rgb(22, 25, 29)');
    portal.appearance = undefined;
    await portal.updateComplete;
    expect(getComputedStyle(base(portal)).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(page(portal)).to.equal(pageElement);
  });

  it('a value cannot add a declaration of its own; the portal branding wins over the brand colour', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    portal.appearance = {
      colors: { surface: 'red; background: url(https://evil.example/x)', primary: '#ff0000' },
    };
    await portal.updateComplete;
    expect(base(portal).style.background).to.equal('');
    expect(base(portal).style.backgroundImage).to.equal('');
    // Northwind's portal brands itself #14532d (R14).
    expect(base(portal).style.getPropertyValue('--pk-color-primary')).to.equal('#14532d');
  });

  it('every focus ring on the brand-coloured header reaches 3:1 against it, for any brand colour (#23)', async () => {
    const backend = await mockBackend();
    const focusContrast = async (portal: PkPortal) => {
      const header = shadow(portal).querySelector<HTMLElement>('[part="header"]')!;
      const background = hex(getComputedStyle(header).backgroundColor);
      const ratios: number[] = [];
      const buttons = [...header.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')];
      for (const button of buttons.filter((b) => b.checkVisibility())) {
        button.focus({ focusVisible: true } as FocusOptions);
        const style = getComputedStyle(button);
        expect(style.outlineStyle, button.outerHTML).to.equal('solid');
        ratios.push(contrastRatio(hex(style.outlineColor), background));
      }
      expect(ratios.length).to.be.greaterThan(0);
      return Math.min(...ratios);
    };
    await sendKeys({ press: 'Shift' }); // keyboard modality: programmatic focus is focus-visible
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`),
        async (primary) => {
          // The portal's own branding (R14) colours the header.
          const world = demoWorld();
          world.portals.find((p) => p.id === 'p-northwind')!.colorOverrides = { primary };
          await backend.reset(world);
          const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
          expect(await focusContrast(portal), `branding ${primary}`).to.be.at.least(3);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('dark theme: native controls (task progress tracks) are drawn dark too (#23 item 15)', async () => {
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal theme="dark"></pk-portal>`),
      'alice',
    );
    portal.page = 'pg-onboarding';
    await until(
      () => deepQueryAll(portal.shadowRoot!, 'progress').length > 0,
      5000,
      'the plan’s progress bar',
    );
    const [progress] = deepQueryAll(portal.shadowRoot!, 'progress');
    expect(getComputedStyle(progress!).colorScheme).to.equal('dark');
  });

  it('appearance.dark: false keeps a light portal in a dark theme attribute', async () => {
    const portal = await fixture<PkPortal>(html`<pk-portal theme="dark"></pk-portal>`);
    expect(getComputedStyle(base(portal)).backgroundColor).to.equal('rgb(22, 25, 29)');
    portal.appearance = { dark: false };
    await portal.updateComplete;
    expect(getComputedStyle(base(portal)).backgroundColor).to.equal('rgb(255, 255, 255)');
  });
});
