import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('serves an entry until its time is up, then reports it missing', () => {
    const map = new ExpiringMap<string, string>(30_000, 10, clock);
    map.set('u1', 'active');
    now += 29_999;
    expect(map.get('u1')).toEqual({ value: 'active' });
    now += 1;
    expect(map.get('u1')).toBeUndefined();
  });

  it('keeps null values apart from missing ones', () => {
    const map = new ExpiringMap<string, string | null>(1_000, 10, clock);
    map.set('gone', null);
    expect(map.get('gone')).toEqual({ value: null });
    expect(map.get('never-set')).toBeUndefined();
  });

  it('forgets an entry on delete', () => {
    const map = new ExpiringMap<string, string>(1_000, 10, clock);
    map.set('u1', 'active');
    map.delete('u1');
    expect(map.get('u1')).toBeUndefined();
  });

  it('stores nothing when the time to live is 0', () => {
    const map = new ExpiringMap<string, string>(0, 10, clock);
    map.set('u1', 'active');
    expect(map.get('u1')).toBeUndefined();
  });

  it('never grows beyond its bound', () => {
    const map = new ExpiringMap<number, number>(1_000, 3, clock);
    for (let key = 0; key < 10; key++) map.set(key, key);
    const kept = Array.from({ length: 10 }, (_, key) => map.get(key)).filter(Boolean);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(map.get(9)).toEqual({ value: 9 });
  });
});
