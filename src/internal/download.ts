/**
 * Saves a response body as a file in the browser (export, file download), named `filename` with
 * the characters file systems refuse replaced.
 */
export async function saveResponse(response: Response, filename: string): Promise<void> {
  const url = URL.createObjectURL(await response.blob());
  Object.assign(document.createElement('a'), {
    href: url,
    download: filename.replace(/[\\/:*?"<>|]/g, '_'),
  }).click();
  // Revoke later: the download may not have started yet.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
