// The events README's "### Events" table names, its shorthand spelled out:
// "`pk-file-upload` / `-download`" is pk-file-upload and pk-file-download.
import { readFileSync } from 'node:fs';

export function readmeEvents(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n### Events\n'));
  const table = section.slice(section.indexOf('\n|'), section.indexOf('\n\n', section.indexOf('\n|')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => line.split('|')[1]!.split(','))
    .flatMap((group) => {
      const [first, ...suffixes] = [...group.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      if (!first) return [];
      const stem = first.slice(0, first.lastIndexOf('-'));
      return [first, ...suffixes.map((suffix) => stem + suffix)];
    });
}
