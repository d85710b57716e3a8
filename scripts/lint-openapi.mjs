// openapi.json against Redocly's recommended rules: 0 errors and 0 warnings, or npm test fails.
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  process.execPath,
  ['node_modules/@redocly/cli/bin/cli.js', 'lint', 'openapi.json', '--format=json', '--extends=recommended'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const start = result.stdout.indexOf('{');
const report = start >= 0 ? JSON.parse(result.stdout.slice(start)) : undefined;
if (!report) {
  console.error(`openapi lint: Redocly gave no report\n${result.stderr}`);
  process.exit(1);
}
const problems = report.problems ?? [];
for (const p of problems)
  console.log(`openapi ${p.severity}: ${p.ruleId} — ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
console.log(`openapi lint (Redocly recommended): ${problems.length} problems`);
process.exit(problems.length === 0 && result.status === 0 ? 0 : 1);
