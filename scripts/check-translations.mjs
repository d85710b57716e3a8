// Every string in src/ has a translation in each target locale, and the generated locale
// modules are up to date with the XLIFF files. Run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
execFileSync('npx', ['lit-localize', 'extract'], { stdio: 'ignore' });
let problems = 0;
for (const locale of config.targetLocales) {
  const xliff = readFileSync(`${config.interchange.xliffDir}/${locale}.xlf`, 'utf8');
  const generated = readFileSync(`${config.output.outputDir}/${locale}.ts`, 'utf8');
  for (const [, id, body] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const problem = !body.includes('<target>')
      ? `${locale} has no translation for "${source}" (${id})`
      : !generated.includes(`'${id}'`)
        ? `${locale} module is stale for ${id}: run npm run localize`
        : undefined;
    if (problem) {
      problems++;
      console.error(`i18n: ${problem}`);
    }
  }
}
if (problems) process.exit(1);
console.log(`i18n: ${config.targetLocales.join(', ')} complete`);
