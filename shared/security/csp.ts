/**
 * The Content-Security-Policy of every page Padu shows: only its own origin, no remote anything.
 * Styles allow 'unsafe-inline' because AG Grid injects its theme styles at run time; scripts never
 * do. `connect` adds the browser host's own WebSocket origin.
 */
export function contentSecurityPolicy(connect: readonly string[] = [], options: { readonly meta?: boolean } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((c) => ` ${c}`).join('')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // A <meta> CSP may not carry frame-ancestors (browsers ignore it there and warn).
    ...(options.meta ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
}
