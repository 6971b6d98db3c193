import { classifyAddress, OutboundAddressGuard, OutboundAddressRefused, type HostResolver } from './outbound-address.guard';

/** Answers from a table, never from the network. */
function resolverOf(table: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const list = table[hostname];
    if (!list) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolve, { calls });
}

const strict = (table: Record<string, string[]> = {}, hostAllowlist: string[] = []) =>
  new OutboundAddressGuard({ allowLoopback: false, hostAllowlist }, resolverOf(table));

async function reasonOf(guard: OutboundAddressGuard, url: string): Promise<string> {
  try {
    await guard.check(url);
  } catch (error) {
    if (error instanceof OutboundAddressRefused) return error.message;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['203.119.206.75', 'public'],
    ['2400:3200::1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['203.0.113.5', 'reserved'],
    // IPv4 in IPv6 clothing
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'ipv4Compatible'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::', '6to4'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('OutboundAddressGuard', () => {
  it('accepts an https URL whose host resolves to public addresses only, and hands back the address it checked', async () => {
    const guard = strict({ 'oapi.dingtalk.com': ['203.119.206.75', '2400:3200::1'] });
    const target = await guard.check('https://oapi.dingtalk.com/robot/send?access_token=t');
    expect(target).toMatchObject({ address: '203.119.206.75', family: 4 });
    expect(target.url.hostname).toBe('oapi.dingtalk.com');
  });

  it.each([
    ['10.0.0.1', 'a private (RFC 1918) address'],
    ['192.168.10.20', 'a private (RFC 1918) address'],
    ['100.100.100.200', 'the Alibaba Cloud metadata service'],
    ['169.254.169.254', 'the cloud metadata service'],
    ['fd00:ec2::254', 'the AWS metadata service'],
    ['fd00::1', 'a unique-local (fc00::/7) address'],
    ['fe80::1', 'a link-local address'],
    ['127.0.0.1', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::ffff:169.254.169.254', 'the cloud metadata service'],
    ['::ffff:10.0.0.1', 'a private (RFC 1918) address'],
  ])('refuses a host that resolves to %s (%s)', async (address, what) => {
    const guard = strict({ 'robot.example.cn': [address] });
    expect(await reasonOf(guard, 'https://robot.example.cn/send')).toBe(
      `must point at a public internet host; robot.example.cn resolves to ${address}, ${what}`,
    );
  });

  it('refuses when any one of the addresses is not public (a name may mix them)', async () => {
    const guard = strict({ 'mixed.example.cn': ['203.119.206.75', '10.1.2.3'] });
    expect(await reasonOf(guard, 'https://mixed.example.cn/send')).toMatch(/resolves to 10\.1\.2\.3, a private \(RFC 1918\) address/);
  });

  it.each([
    ['https://127.0.0.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://2130706433/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://[::1]/hook', /::1 is a loopback address/],
    ['https://[::ffff:127.0.0.1]/hook', /loopback/],
    ['https://[::ffff:a9fe:a9fe]/latest/meta-data', /cloud metadata service/],
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is the cloud metadata service/],
    ['https://[fd00::1]/hook', /unique-local/],
    ['https://10.0.0.1/hook', /private/],
  ])('refuses the literal address in %s without asking DNS', async (url, reason) => {
    const resolver = resolverOf({});
    const guard = new OutboundAddressGuard({ allowLoopback: false, hostAllowlist: [] }, resolver);
    expect(await reasonOf(guard, url)).toMatch(reason);
    expect(resolver.calls).toEqual([]);
  });

  it('refuses plain http, other schemes, credentials in the URL, names that do not resolve, and text that is no URL', async () => {
    const guard = strict({ 'oapi.dingtalk.com': ['203.119.206.75'] });
    expect(await reasonOf(guard, 'http://oapi.dingtalk.com/robot/send')).toBe('must start with https://');
    expect(await reasonOf(guard, 'ftp://oapi.dingtalk.com/x')).toBe('must start with https://');
    expect(await reasonOf(guard, 'https://user:pw@oapi.dingtalk.com/robot/send')).toMatch(/user name or password/);
    expect(await reasonOf(guard, 'https://nowhere.example.cn/x')).toBe('host nowhere.example.cn does not resolve (ENOTFOUND)');
    expect(await reasonOf(guard, 'not a url')).toMatch(/webhook URL/);
  });

  it('with CHANNEL_HOST_ALLOWLIST, only the listed hosts, and still only public addresses', async () => {
    const guard = strict({ 'oapi.dingtalk.com': ['203.119.206.75'], 'qyapi.weixin.qq.com': ['10.9.9.9'], 'evil.example.cn': ['8.8.8.8'] }, [
      'oapi.dingtalk.com',
      'QYAPI.weixin.qq.com',
    ]);
    await expect(guard.check('https://OAPI.dingtalk.com./robot/send')).resolves.toMatchObject({ address: '203.119.206.75' });
    expect(await reasonOf(guard, 'https://evil.example.cn/x')).toBe('host evil.example.cn is not in CHANNEL_HOST_ALLOWLIST (oapi.dingtalk.com, qyapi.weixin.qq.com)');
    expect(await reasonOf(guard, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send')).toMatch(/private/);
  });

  it('with allowLoopback (tests, development): loopback over http too, but nothing else that is not public', async () => {
    const guard = new OutboundAddressGuard({ allowLoopback: true, hostAllowlist: ['oapi.dingtalk.com'] }, resolverOf({ 'sink.test': ['127.0.0.1'], 'lan.test': ['192.168.1.5'], localhost: ['::1', '127.0.0.1'] }));
    await expect(guard.check('http://127.0.0.1:4000/hook')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(guard.check('http://localhost:4000/hook')).resolves.toMatchObject({ address: '::1' });
    expect(await reasonOf(guard, 'http://lan.test/hook')).toMatch(/not in CHANNEL_HOST_ALLOWLIST/);
    const open = new OutboundAddressGuard({ allowLoopback: true, hostAllowlist: [] }, resolverOf({ 'lan.test': ['192.168.1.5'], 'pub.test': ['8.8.8.8'] }));
    expect(await reasonOf(open, 'http://lan.test/hook')).toMatch(/private/);
    expect(await reasonOf(open, 'https://169.254.169.254/')).toMatch(/metadata/);
    expect(await reasonOf(open, 'http://pub.test/hook')).toBe('must start with https://');
  });
});
