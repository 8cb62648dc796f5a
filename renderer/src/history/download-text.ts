/** Text downloads (CSV, archives) through the debrief's download helper, as UTF-8. */
import { downloadBase64 } from '../debrief/download.ts';

export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function downloadText(text: string, fileName: string, mime: string): void {
  downloadBase64(textToBase64(text), fileName, mime);
}
