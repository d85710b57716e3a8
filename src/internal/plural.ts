const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of a counted message for `count` in `locale` (CLDR plural rules: "1 record",
 * "2 records"). Both forms are full msg() strings, so each language words them its own way.
 */
export function plural(locale: string, count: number, forms: { one: string; other: string }): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count) === 'one' ? forms.one : forms.other;
}
