// Sums of numbers, exact: every storage adds the decimal values as written (JSON's shortest
// text of each number, which jsonb keeps as a numeric) with no rounding, then rounds once to the
// nearest double. So a sum is the same whatever the order of addition — memory walks records in
// insertion order, SQL adds as its plan reads rows, without sorting them first (which spilled to
// disk on large portals).

/** A decimal as an integer and a power of ten: value = digits × 10^exponent. */
interface Decimal {
  digits: bigint;
  exponent: number;
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A finite number's text (`1.5`, `-2e-7`, `12345678901234567890`) as a decimal, exactly. */
function parse(text: string): Decimal {
  const match = NUMBER.exec(text);
  if (!match) throw new Error(`exact sum: not a decimal number: ${text}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return { digits, exponent: Number(exponent) - fraction.length };
}

export class ExactSum {
  #digits = 0n;
  #exponent = 0;

  /** Adds a number (a finite double, taken as the decimal JavaScript writes for it) or a decimal's text. */
  add(value: number | string): this {
    const next = parse(typeof value === 'number' ? String(value) : value);
    if (next.digits === 0n) return this;
    // Both on the smaller power of ten, so nothing is rounded.
    if (next.exponent < this.#exponent) {
      this.#digits *= 10n ** BigInt(this.#exponent - next.exponent);
      this.#exponent = next.exponent;
    }
    this.#digits += next.digits * 10n ** BigInt(next.exponent - this.#exponent);
    return this;
  }

  /** The sum rounded once to the nearest double (0 when nothing was added). */
  toNumber(): number {
    return this.#digits === 0n ? 0 : Number(`${this.#digits}e${this.#exponent}`);
  }
}

/** The exact sum of `values`, rounded once. */
export const exactSum = (values: Iterable<number | string>): number => {
  const sum = new ExactSum();
  for (const value of values) sum.add(value);
  return sum.toNumber();
};
