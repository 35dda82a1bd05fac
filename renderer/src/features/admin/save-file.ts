/**
 * Saves text as a file the way a page can: a Blob behind a temporary <a download> link. Works in
 * the browser host and in Electron (which shows its save dialog for it).
 */
export function saveTextFile(file: { filename: string; body: string; type: string }): void {
  const url = URL.createObjectURL(new Blob([file.body], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started reading the Blob by now; keep it a little longer for slow disks.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
