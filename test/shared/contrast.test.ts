// R14: every text on a portal's brand colour is readable, whatever colour the vendor picks.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { contrastRatio, readableOn } from '../../src/shared/contrast.js';

describe('readableOn', () => {
  it('reaches WCAG AA (4.5:1) on every brand colour', () => {
    const hex = fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
      .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);
    fc.assert(
      fc.property(hex, (background) => {
        expect(contrastRatio(background, readableOn(background)), background).to.be.at.least(4.5);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps white on the demo brands, Initech blue included (#12 item 19)', () => {
    expect(readableOn('#1f6feb')).to.equal('#ffffff');
    expect(contrastRatio('#1f6feb', '#ffffff')).to.be.at.least(4.5);
    // A mid-tone where neither white nor near-black reaches 4.5: pure black does.
    expect(readableOn('#7a7a7a')).to.equal('#000000');
  });
});
