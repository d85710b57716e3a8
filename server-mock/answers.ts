// Every answer as documented: the test suite's backend checks each answer against the route table
// (src/contract/routes.ts) — a success with the route's status and a body its schema reads with
// no field it does not declare, an error with a code the route documents and that code's status.
// A drift throws in the test that caused it, so openapi.json cannot drift from what is served.
import { ApiErrorBody } from '../src/contract/error.js';
import { ERROR_CODES, type ErrorCode } from '../src/contract/error-codes.js';
import { errorCodes } from '../src/contract/openapi.js';
import { ROUTE_LIST, type Route } from '../src/contract/routes.js';

/** Routes as the backend matches them: a literal segment before a parameter (`/records/{model}/export` first). */
const params = (route: Route) => route.path.split('{').length;
const MATCHERS = [...ROUTE_LIST]
  .sort((a, b) => params(a) - params(b))
  .map((route: Route) => ({ route, pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`) }));

/** Fields in `sent` that the parsed value does not have: what the schema does not declare. */
function undeclared(sent: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((item, i) => undeclared(item, parsed[i], `${at}[${i}]`));
  if (sent && typeof sent === 'object' && parsed && typeof parsed === 'object')
    return Object.entries(sent).flatMap(([key, value]) =>
      key in parsed
        ? undeclared(value, (parsed as Record<string, unknown>)[key], at ? `${at}.${key}` : key)
        : [at ? `${at}.${key}` : key],
    );
  return [];
}

/** What is wrong with `response` as an answer to `method path` (undefined: as documented). */
export async function answerProblem(
  method: string,
  path: string,
  response: Response,
): Promise<string | undefined> {
  const found = MATCHERS.find((m) => m.route.method === method && m.pattern.test(path));
  const status = response.status;
  const text = await response.clone().text();
  if (!found) return status === 404 ? undefined : `${method} ${path}: no such route, yet ${status}`;
  const { route } = found;
  const where = `${route.key} (${method} ${path}) answered ${status}`;
  if (status < 400) {
    if (status !== (route.status ?? 200)) return `${where}: documented ${route.status ?? 200}`;
    if (route.response) {
      const body: unknown = JSON.parse(text);
      const parsed = route.response.safeParse(body);
      if (!parsed.success) return `${where}: the body does not read as documented: ${parsed.error.message}`;
      const extra = undeclared(body, parsed.data);
      if (extra.length) return `${where}: undeclared fields ${extra.join(', ')}`;
    } else if (route.contentType) {
      const type = response.headers.get('content-type') ?? '';
      if (route.contentType !== '*/*' && !type.startsWith(route.contentType))
        return `${where}: content type ${type}, documented ${route.contentType}`;
    } else if (text) return `${where}: a body, documented none`;
    return undefined;
  }
  const error = ApiErrorBody.safeParse(text ? JSON.parse(text) : undefined);
  if (!error.success) return `${where}: not the error shape: ${text.slice(0, 200)}`;
  const code = error.data.error.code as ErrorCode;
  // A fault of ours is never documented per route; it is the `default` answer.
  if (code === ('internal' as ErrorCode)) return undefined;
  if (!errorCodes(route).includes(code)) return `${where} ${code}: not a code the route documents`;
  if (ERROR_CODES[code]?.status !== status)
    return `${where} ${code}: that code's status is ${ERROR_CODES[code]?.status}`;
  return undefined;
}
