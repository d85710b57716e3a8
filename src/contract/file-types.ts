/**
 * File types a portal can accept (R6), by extension. The server recognises a file by its
 * content (`file-type`); the name's extension says what the person means it to be, so a
 * program renamed `.pdf` is "not a real PDF". SVG and HTML are never accepted: they can carry
 * scripts.
 */
export const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  md: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
};

/** What a portal accepts unless its own list says otherwise: PDF, common images, text, office, zip. */
export const DEFAULT_FILE_TYPES: readonly string[] = [...new Set(Object.values(FILE_TYPES))];

/** The extension of a file name, lower case ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Extensions of the accepted types, for the file picker and the "Accepted:" line. */
export function extensionsFor(types: readonly string[]): string[] {
  return Object.entries(FILE_TYPES)
    .filter(([, type]) => types.includes(type))
    .map(([ext]) => ext);
}
