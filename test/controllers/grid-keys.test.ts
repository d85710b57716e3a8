// The grid's keyboard model (WAI-ARIA data grid): where each key moves the active cell.
import { expect } from '@open-wc/testing';
import { gridMove } from '../../src/controllers/grid-keys.js';

describe('gridMove', () => {
  const size = { rows: 100, cols: 5, pageRows: 10 };
  const at = { row: 20, col: 2 };
  const key = (k: string, ctrlKey = false) => gridMove({ key: k, ctrlKey, metaKey: false }, at, size);

  it('moves by one cell, one page, to the row’s ends and — with Ctrl — to the grid’s ends', () => {
    expect(key('ArrowDown')).to.deep.equal({ row: 21, col: 2 });
    expect(key('ArrowLeft')).to.deep.equal({ row: 20, col: 1 });
    expect(key('PageUp')).to.deep.equal({ row: 10, col: 2 });
    expect(key('Home')).to.deep.equal({ row: 20, col: 0 });
    expect(key('End')).to.deep.equal({ row: 20, col: 4 });
    expect(key('Home', true)).to.deep.equal({ row: 0, col: 0 });
    expect(key('End', true)).to.deep.equal({ row: 99, col: 4 });
    expect(gridMove({ key: 'End', ctrlKey: false, metaKey: true }, at, size)).to.deep.equal({
      row: 99,
      col: 4,
    });
  });

  it('leaves other keys to the grid (Enter edits, letters type)', () => {
    for (const k of ['Enter', 'F2', 'a', 'Tab']) expect(key(k)).to.equal(undefined);
  });
});
