import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security/csp.ts';
import { devRendererUrl, isAllowedUrl, isTrustedSender } from '../../shared/security/navigation.ts';

describe('Electron navigation and IPC policy', () => {
  it('loads only the app:// pages in a build', () => {
    expect(isAllowedUrl('app://padu/index.html', null)).toBe(true);
    expect(isAllowedUrl('app://padu/assets/index-1.js', null)).toBe(true);
    expect(isAllowedUrl('https://example.org/', null)).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/', null)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', null)).toBe(false);
    expect(isAllowedUrl('app://evil/index.html', null)).toBe(false);
    expect(isAllowedUrl('app://padu.evil/x', null)).toBe(false);
  });

  it('allows the loopback dev server only when not packaged', () => {
    expect(devRendererUrl(true, 'http://localhost:5173')).toBeNull();
    expect(devRendererUrl(false, 'http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devRendererUrl(false, 'http://192.168.1.5:5173')).toBeNull();
    expect(devRendererUrl(false, 'https://example.org')).toBeNull();
    const dev = devRendererUrl(false, 'http://localhost:5173');
    expect(isAllowedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedUrl('http://localhost:51730/', dev)).toBe(false);
  });

  it('answers IPC only from our own page', () => {
    expect(isTrustedSender('app://padu/index.html', null)).toBe(true);
    expect(isTrustedSender('https://example.org/', null)).toBe(false);
    expect(isTrustedSender(undefined, null)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', null)).toBe(false);
  });

  it('has a CSP with no remote origins and no eval', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
    expect(contentSecurityPolicy(['ws://127.0.0.1:4000'])).toContain("connect-src 'self' ws://127.0.0.1:4000");
  });
});
