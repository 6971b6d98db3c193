/**
 * Which paths belong to the web workbench's history-mode fallback and which never do. One home for the rule, so
 * the mount and its tests agree: a path under the API, the docs, health or Bull Board is never answered with the
 * app's index.html, and neither is a missing file (an old hashed asset must 404, not turn into a page).
 */

/** Paths owned by the API process; the fallback leaves them (and everything under them) to the API's 404. */
export const RESERVED_PREFIXES = ['/api', '/docs', '/docs-json', '/health', '/admin/queues'] as const;

export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
}

/** A request for a file (has an extension in its last segment) rather than for a page of the app. */
export function looksLikeFile(path: string): boolean {
  const last = path.split('?')[0].split('/').pop() ?? '';
  return /\.[a-z0-9]{1,8}$/i.test(last);
}

/** Vite writes content-hashed files under /assets/: they never change, so browsers may keep them for a year. */
export function isHashedAsset(path: string): boolean {
  return path.startsWith('/assets/');
}

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
