/**
 * A report representation's ETag: its content hash plus the format (and CSV
 * section). A stored week's content never changes except through an admin's
 * rebuild, which changes the hash. Strong for JSON and CSV, whose bytes follow
 * from the content; weak for XLSX, whose zip container may differ byte for byte
 * between renderings of the same content.
 */
export function reportEtag(contentHash: string, format: string, section?: string): string {
  const tag = `"${contentHash.trim()}-${format}${section ? `-${section}` : ''}"`;
  return format === 'xlsx' ? `W/${tag}` : tag;
}

/** Whether If-None-Match names this ETag (weak or strong, in a list) or is '*'. */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter.
    return tag === '*' || tag.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });
}
