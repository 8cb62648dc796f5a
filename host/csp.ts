/**
 * The app page's Content-Security-Policy, used by both hosts.
 *
 * It matches the meta tag in renderer/index.html (which covers file:// pages in Electron, where
 * there are no response headers) and adds what only a header can say (frame-ancestors).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
