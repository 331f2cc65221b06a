import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';

/** argon2id with the library's defaults (19 MiB, t=2): OWASP's recommended minimum. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Password policy: at least 10 characters with letters and digits, not the user name. Long
 * passphrases beat composition rules (NIST 800-63B), but government buyers check for both.
 */
export function assertPasswordPolicy(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < 10) problems.push('至少 10 个字符 (at least 10 characters)');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password))
    problems.push('须同时包含字母和数字 (letters and digits)');
  if (password.toLowerCase().includes(username.toLowerCase()))
    problems.push('不得包含用户名 (must not contain the user name)');
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', `密码不符合要求：${problems.join('；')}`, { problems });
  }
}
