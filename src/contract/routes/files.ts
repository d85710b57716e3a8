// Routes of the contract: Files shared to the portal (R6, R19).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

export const filesList = {
  key: 'files.list',
  method: 'GET',
  path: '/files',
  response: s.FileList,
  errors: ['no_file_access'],
} as const satisfies Route;

export const filesUpload = {
  key: 'files.upload',
  method: 'POST',
  path: '/files',
  errors: ['no_file_access', 'file_too_large', 'file_type_not_allowed', 'file_content_mismatch'],
  throughPage: true,
  query: [{ name: 'name', description: 'File name (paths are stripped).' }],
  rawBody: 'application/octet-stream',
  response: s.FileItem,
  status: 201,
} as const satisfies Route;

export const filesUnshared = {
  key: 'files.unshared',
  method: 'GET',
  path: '/files/unshared',
  response: s.FileList,
  errors: ['no_file_access', 'read_only_impersonation'],
} as const satisfies Route;

export const filesShare = {
  key: 'files.share',
  method: 'POST',
  path: '/files/share',
  body: s.ShareRequest,
  response: s.ShareResult,
  errors: ['no_file_access'],
} as const satisfies Route;

export const filesRemove = {
  key: 'files.remove',
  method: 'DELETE',
  path: '/files/{fileId}',
  throughPage: true,
  response: s.RemovedRecord,
  errors: ['no_file_access'],
} as const satisfies Route;

export const filesContent = {
  key: 'files.content',
  method: 'GET',
  path: '/files/{fileId}/content',
  contentType: '*/*',
  errors: ['no_file_access'],
} as const satisfies Route;
