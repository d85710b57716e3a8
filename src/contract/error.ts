import * as z from 'zod/mini';

/** Every refusal of the API: `{ error: { code, message } }` with the matching HTTP status. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)),
    message: z.string().check(z.minLength(1)),
    /** Which input was wrong, when the request itself was at fault. */
    path: z.optional(z.array(z.union([z.string(), z.number()]))),
    /** The limit that was passed (`text_too_long`: characters). */
    limit: z.optional(z.number()),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
