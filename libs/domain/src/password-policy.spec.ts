import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password that does not contain the username', () => {
    expect(passwordProblem('Quanjiang-Lu-2027', 'zhang.san')).toBeUndefined();
    expect(passwordProblem('yuquan-demo-2026', 'editor-fgw')).toBeUndefined();
    expect(passwordProblem('玉泉区重点工程调度平台密码', 'admin')).toBeUndefined(); // 13 characters, 39 bytes
  });

  it('counts characters, not bytes or UTF-16 units, for the minimum', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem('Abcdefgh-12')).toMatch(/at least 12 characters.*至少 12/);
    expect(passwordProblem('Abcdefgh-123')).toBeUndefined();
    expect(passwordProblem('😀'.repeat(11))).toMatch(/at least 12/); // 22 UTF-16 units, 11 characters
  });

  it('refuses more than 72 bytes: bcrypt would ignore the rest', () => {
    expect(passwordProblem('很长的密码'.repeat(5))).toMatch(/72 bytes/); // 25 characters, 75 bytes
    expect(passwordProblem('x'.repeat(72))).toBeUndefined();
  });

  it('refuses the username, and a password containing it, in any case', () => {
    expect(passwordProblem('Wang.Xiaoming', 'wang.xiaoming')).toMatch(/username.*用户名/);
    expect(passwordProblem('my-WANG.XIAOMING-pw', 'wang.xiaoming')).toMatch(/username/);
    // A short username is refused only as the whole password, not as any two letters in it.
    expect(passwordProblem('Kunlun-Road-2027', 'lu')).toBeUndefined();
  });

  it('refuses the most common passwords, in any case', () => {
    for (const common of ['password1234', '1qaz2wsx3edc', 'QWERTYUIOP123']) {
      expect(passwordProblem(common)).toMatch(/common.*常见/);
    }
  });

  it('refuses what is not a string', () => {
    expect(passwordProblem(123456789012)).toMatch(/string/);
    expect(passwordProblem(undefined)).toMatch(/string/);
  });
});
