// README's code is code that runs: every JavaScript, TypeScript or HTML block in README.md is the
// verbatim text of a file that a test runs (examples/…), named by a comment just above it:
//   <!-- file: examples/first-hour/mint-token.mjs -->           the whole file
//   <!-- file: examples/react-vite/main.tsx#app -->             the lines between `#region app`
//                                                               and `#endregion` (any comment style)
//   node scripts/readme.mjs          rewrites README's blocks from their files
//   node scripts/readme.mjs --check  fails when README differs from them, or a block names no file
import { readFileSync, writeFileSync } from 'node:fs';

const RUNNABLE = new Set(['js', 'mjs', 'ts', 'tsx', 'jsx', 'html']);
const check = process.argv.includes('--check');
const readme = readFileSync('README.md', 'utf8');

/** The text README must show for `source` (`path` or `path#region`). */
function textOf(source) {
  const [path, region] = source.split('#');
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  if (!region) return lines.join('\n');
  const start = lines.findIndex((l) => l.includes(`#region ${region}`));
  const end = lines.findIndex((l, i) => i > start && l.includes('#endregion'));
  if (start < 0 || end < 0) throw new Error(`${path}: no #region ${region} … #endregion`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return body.map((l) => l.slice(indent)).join('\n');
}

const problems = [];
// A block may sit indented in a list item: its marker and its lines carry the same indent.
const fence = /^( *)(?:<!-- file: (\S+) -->\n\n?\1)?```(\w*)\n([\s\S]*?)^\1```/gm;
const updated = readme.replace(fence, (block, indent, source, lang, body, offset) => {
  const line = readme.slice(0, offset).split('\n').length;
  if (!source) {
    if (RUNNABLE.has(lang))
      problems.push(`README.md:${line}: a ${lang} block names no file (<!-- file: … -->)`);
    return block;
  }
  let text;
  try {
    text = textOf(source);
  } catch (error) {
    problems.push(`README.md:${line}: ${error.message}`);
    return block;
  }
  const shown = text
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');
  if (`${shown}\n` !== body) problems.push(`README.md:${line}: differs from ${source}`);
  return `${indent}<!-- file: ${source} -->\n\n${indent}\`\`\`${lang}\n${shown}\n${indent}\`\`\``;
});

if (check) {
  if (problems.length) {
    console.error(
      `readme: ${problems.join('\nreadme: ')}\n(run node scripts/readme.mjs to copy the files into README)`,
    );
    process.exit(1);
  }
  console.log('readme: every code block is a file that runs');
} else {
  writeFileSync('README.md', updated);
  const unnamed = problems.filter((p) => p.includes('names no file'));
  if (unnamed.length) {
    console.error(`readme: ${unnamed.join('\nreadme: ')}`);
    process.exit(1);
  }
  console.log('readme: blocks copied from their files');
}
