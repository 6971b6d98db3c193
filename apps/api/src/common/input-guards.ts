/**
 * Checks every request value gets before any DTO validator sees it, so that a
 * hostile or careless value is a field error at the edge and never a 500 deeper
 * down: JSON nesting depth (the validators recurse), NUL characters (Postgres
 * refuses them in text, 22021) and unpaired UTF-16 surrogates (no valid UTF-8
 * exists for them; URI helpers throw URIError on them), and numbers no column
 * of ours can hold (`page=1e308` became OFFSET Infinity).
 */
import type { FieldError } from './app-error';

/** Deepest JSON body accepted: far beyond any DTO of ours (about 4), far below what recursion survives. */
export const MAX_JSON_DEPTH = 32;

/** Largest magnitude of a number in a body or query: the range of a Postgres `integer`. Money travels as strings. */
export const MAX_INPUT_NUMBER = 2_147_483_647;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether raw JSON text nests objects/arrays deeper than `maxDepth`, by one pass
 * over its bytes (no recursion, no parse): brackets inside strings do not count.
 * UTF-8 never uses these ASCII bytes inside a multi-byte character, so bytes suffice.
 */
export function jsonNestsDeeperThan(body: Buffer | string, maxDepth: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_REASON = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

/** Walks a parsed body/query/param value without recursion, calling `visit` for each leaf with its dotted path. */
function walk(root: unknown, rootField: string, visit: (value: unknown, field: string, isKey: boolean) => void): void {
  const stack: Array<{ value: unknown; field: string; depth: number }> = [{ value: root, field: rootField, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, field, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') {
      visit(value, field, false);
      continue;
    }
    // Class instances made by the transformer can share objects; JSON cannot loop, but be safe.
    if (seen.has(value) || depth > MAX_JSON_DEPTH + 4 || value instanceof Date) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const path = field ? `${field}.${key}` : key;
      visit(key, path, true);
      stack.push({ value: child, field: path, depth: depth + 1 });
    }
  }
}

/** Field errors for every string (value or object key) carrying NUL or a lone surrogate. */
export function unsafeTextErrors(value: unknown, rootField = ''): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, rootField, (leaf, field, isKey) => {
    if (typeof leaf === 'string' && isUnsafeText(leaf)) {
      errors.push({ field: field || 'body', reason: isKey ? `field names ${UNSAFE_TEXT_REASON}` : `${field || 'body'} ${UNSAFE_TEXT_REASON}` });
    }
  });
  return errors;
}

/** Field errors for every number that is not finite or beyond ±MAX_INPUT_NUMBER. */
export function outOfRangeNumberErrors(value: unknown, rootField = ''): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, rootField, (leaf, field, isKey) => {
    if (!isKey && typeof leaf === 'number' && !(Math.abs(leaf) <= MAX_INPUT_NUMBER)) {
      errors.push({ field: field || 'body', reason: `${field || 'body'} must be a number between -${MAX_INPUT_NUMBER} and ${MAX_INPUT_NUMBER}` });
    }
  });
  return errors;
}
