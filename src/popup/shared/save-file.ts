/** Offers bytes or text to the user as a download, without any permission (an object URL). */
export function saveFile(fileName: string, mediaType: string, contents: Uint8Array | string): void {
  const blob = new Blob([typeof contents === 'string' ? contents : new Uint8Array(contents)], { type: mediaType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
