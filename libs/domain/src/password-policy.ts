/**
 * The one password rule, wherever a password is set: an admin creating or
 * resetting an account, a user changing their own, the demo seed. Import it as
 * '@app/domain/password-policy' (not from the index: the worker has no use for
 * the common-password list).
 *
 * - at least PASSWORD_MIN_LENGTH characters, at most PASSWORD_MAX_BYTES bytes
 *   (bcrypt reads only the first 72 bytes; a longer one would lose its tail);
 * - not the username, nor containing it (case-insensitive; containment only
 *   for usernames of 4 characters or more, so that `li` does not forbid every
 *   password with those two letters);
 * - not one of the most common passwords: the list of @zxcvbn-ts/language-common
 *   (passwords-common, ~49,000 entries from leaked-password corpora),
 *   compared case-insensitively.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_BYTES = 72;
const USERNAME_CONTAINMENT_MIN_LENGTH = 4;

let commonPasswords: ReadonlySet<string> | undefined;

function isCommonPassword(password: string): boolean {
  if (!commonPasswords) {
    // Built on first use, not at start-up.
    commonPasswords = new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  }
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why a password is refused (a sentence in English and Chinese, for a field
 * error's reason), or undefined when it is acceptable. Without a username only
 * the length and the common-password list are checked.
 */
export function passwordProblem(password: unknown, username?: string | null): string | undefined {
  if (typeof password !== 'string') return 'must be a string (密码必须是字符串)';
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters (密码至少 ${PASSWORD_MIN_LENGTH} 个字符)`;
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8, a Chinese character counts 3 (密码最长 ${PASSWORD_MAX_BYTES} 字节，一个汉字占 3 字节)`;
  }
  if (username && containsUsername(password, username)) {
    return 'must not be or contain the username (密码不能是用户名，也不能包含用户名)';
  }
  if (isCommonPassword(password)) {
    return 'is one of the most common passwords; choose another (该密码过于常见，请换一个)';
  }
  return undefined;
}

function containsUsername(password: string, username: string): boolean {
  const lowerPassword = password.toLowerCase();
  const lowerUsername = username.toLowerCase();
  if (lowerPassword === lowerUsername) return true;
  return lowerUsername.length >= USERNAME_CONTAINMENT_MIN_LENGTH && lowerPassword.includes(lowerUsername);
}
