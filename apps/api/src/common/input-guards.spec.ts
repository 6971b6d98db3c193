import { jsonNestsDeeperThan, outOfRangeNumberErrors, unsafeTextErrors } from './input-guards';

describe('input guards', () => {
  it('measures JSON depth without parsing, ignoring brackets in strings and escaped quotes', () => {
    expect(jsonNestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('{"名称":{"子":[{}]}}'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('{"名称":{"子":[{}]}}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan('['.repeat(100_000), 32)).toBe(true);
  });

  it('finds NUL and unpaired surrogates in values and keys, and leaves paired ones (emoji) alone', () => {
    expect(unsafeTextErrors({ name: '玉泉区😀', tags: ['ok'] })).toEqual([]);
    expect(unsafeTextErrors({ a: { b: ['x', 'y\u0000'] } }).map((error) => error.field)).toEqual(['a.b.1']);
    expect(unsafeTextErrors({ email: 'a\ud800@b.cn' }).map((error) => error.field)).toEqual(['email']);
    expect(unsafeTextErrors({ email: 'a\udc00b' }).map((error) => error.field)).toEqual(['email']);
    expect(unsafeTextErrors({ ['k\u0000']: 1 })[0].reason).toMatch(/field names/);
    expect(unsafeTextErrors('x\u0000', 'id')).toEqual([{ field: 'id', reason: expect.stringContaining('NUL') }]);
  });

  it('finds numbers no column holds', () => {
    expect(outOfRangeNumberErrors({ page: 1, pageSize: 200, ratio: 0.5, n: -2_147_483_647 })).toEqual([]);
    expect(outOfRangeNumberErrors({ page: 1e308, list: [Infinity, NaN, 2 ** 63] }).map((error) => error.field)).toEqual(
      expect.arrayContaining(['page', 'list.0', 'list.1', 'list.2']),
    );
  });
});
