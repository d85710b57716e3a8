/**
 * Every error code the API answers with, its HTTP status and a default message for people.
 * The shell translates these; vendors implement exactly these codes.
 */
export const ERROR_CODES = {
  // Launch token and session (token and session flow, R13, R16)
  token_malformed: { status: 401, message: 'The sign-in link is not valid.' },
  token_invalid_signature: { status: 401, message: 'The sign-in link could not be verified.' },
  token_unknown_key: { status: 401, message: 'The sign-in link was signed with an unknown key.' },
  token_alg_not_allowed: {
    status: 401,
    message: 'The sign-in link uses a signing method that is not allowed.',
  },
  token_expired: { status: 401, message: 'The sign-in link has expired.' },
  token_not_yet_valid: { status: 401, message: 'The sign-in link is not valid yet.' },
  token_lifetime_too_long: { status: 401, message: 'The sign-in link lives longer than allowed.' },
  token_wrong_audience: { status: 401, message: 'The sign-in link is meant for another service.' },
  token_replayed: { status: 401, message: 'The sign-in link was already used.' },
  user_inactive: { status: 403, message: 'Your portal access is not active.' },
  no_portal_access: { status: 403, message: 'You do not have access to this portal.' },
  email_not_unique: {
    status: 403,
    message: 'Your email address is used by more than one portal user. Ask your contact to fix it.',
  },
  impersonation_not_allowed: { status: 403, message: 'You may not view this portal as that user.' },
  no_portal_selected: {
    status: 409,
    message: 'This session has no portal yet: open one from the portfolio first.',
  },
  session_missing: { status: 401, message: 'You are not signed in.' },
  session_expired: { status: 401, message: 'Your session has ended.' },
  session_revoked: { status: 401, message: 'Your session was ended.' },
  // Requests
  bad_request: { status: 400, message: 'The request is not valid.' },
  invalid_field: { status: 400, message: 'That field cannot be used here.' },
  text_too_long: { status: 400, message: 'The text is longer than allowed.' },
  markup_not_allowed: { status: 400, message: 'Text cannot hold markup that would run.' },
  limit_too_large: { status: 400, message: 'Too many items were requested at once.' },
  not_found: { status: 404, message: 'Not found.' },
  payload_too_large: { status: 413, message: 'The request is larger than allowed.' },
  // Permissions (R5, R6, R7, R8, R12, R16, R19)
  forbidden: { status: 403, message: 'You do not have permission to do that.' },
  read_only_page: { status: 403, message: 'This page is shared with you to view only.' },
  read_only_impersonation: {
    status: 403,
    message: 'You are viewing as another user: changes are not allowed.',
  },
  no_file_access: { status: 403, message: 'You do not have access to files in this portal.' },
  file_too_large: { status: 413, message: 'The file is larger than this portal allows.' },
  file_type_not_allowed: { status: 415, message: 'This type of file is not allowed in this portal.' },
  file_content_mismatch: {
    status: 415,
    message: 'The file is not what its name says: its content is of another type.',
  },
  mention_not_allowed: { status: 403, message: 'You can only mention people of this portal.' },
  version_conflict: {
    status: 409,
    message: 'Someone saved a newer version. Review their changes before saving yours.',
  },
  invalid_value: { status: 422, message: 'A value is not valid for its field.' },
  list_changed: { status: 409, message: 'The list changed while it was exported. Export again.' },
  role_in_use: {
    status: 409,
    message: 'This role is held by portal users. Move them to another role before removing it.',
  },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request.',
  },
  headers_too_large: {
    status: 431,
    message: 'The address or the headers of the request are longer than allowed.',
  },
  rate_limited: {
    status: 429,
    message: 'Too many requests. Please wait a moment and try again.',
  },
  email_in_use: {
    status: 409,
    message: 'This email address is already used by a portal user. Use another address.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
