/**
 * Values that appear in this repository (defaults, examples, test and benchmark
 * fixtures) and so are known to anyone who has read it. In production the
 * configuration refuses any of them as JWT_SECRET: a token signed with a public
 * key proves nothing. test/known-secrets.e2e-spec.ts greps the repository's
 * files for secret-looking literals and fails when one is missing here, so the
 * list cannot go stale.
 */
export const KNOWN_PUBLIC_SECRETS: readonly string[] = [
  // The development default (libs/config) and the old docker-compose default.
  'dev-only-secret-change-me-in-production',
  'change-me-please-32-characters!!',
  // Test and benchmark fixtures.
  'test-secret-at-least-16-chars',
  'bench-secret-at-least-16-characters',
  // 钉钉 robot signing secrets used by the channel tests.
  'SECa1b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef0123',
  'SECb7e1d2c3a4f5061728394a5b6c7d8e9f00112233445566778899aabbcc9f3a',
  'SEC0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff',
  'SEC11223344556677889900aabbccddeeff00112233445566778899aabbccddee',
  'SEC-new-secret-0000000000000000000000000000000000000000000000abcd',
  'SEC7d1e2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f8a9b',
  'SEC-legacy-secret-5678',
  'short-but-secret-value',
  // Placeholders people copy from documentation.
  'change-me',
  'changeme',
  'secret',
];

/** Whether a secret is one of the values anyone can read in the repository (compared exactly and trimmed). */
export function isKnownPublicSecret(value: string): boolean {
  const trimmed = value.trim();
  return KNOWN_PUBLIC_SECRETS.some((known) => known === trimmed);
}
