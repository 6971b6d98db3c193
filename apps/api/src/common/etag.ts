import { Errors } from './app-error';

/** The ETag of a versioned record: its version number, quoted. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The version a write expects, from `If-Match` ("3" or W/"3") or, for clients
 * that cannot set headers, a `version` field in the body. A write without either
 * is refused with 428: a stale write must never silently overwrite.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match) throw Errors.badRequest('INVALID_IF_MATCH', 'If-Match must be the ETag you read, e.g. "3"');
    return Number(match[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw Errors.preconditionRequired('Send the ETag you read as If-Match (or the record\'s version in the body) so that a stale write can be refused');
}
