import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, validateConfig } from '@app/config';
import { Department, DepartmentChannel } from '@app/domain';
import { ChannelDeliveryError, DingTalkRobotChannel, HOST_RESOLVER, OutboundAddressGuard, WeComRobotChannel, type ChannelMessage } from '@app/notifications';
import { startWebhookSink, WebhookSink } from './support/channel-sinks';
import { createDepartment, createUser, signIn } from './support/factories';
import { stubHostResolver, StubHostResolver } from './support/host-resolver';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Server-side request forgery through department channel URLs. Nothing here
 * sends a packet beyond the loopback: private and metadata addresses come from
 * a stubbed resolver, and the refusal is checked to happen before any socket
 * exists (Node publishes every client socket it creates on `net.client.socket`).
 */

const message: ChannelMessage = {
  reminderId: 'reminder-ssrf-test',
  title: '【测试】重点工程调度提醒通道测试',
  text: '**项目**：玉泉变 220 千伏变电站工程',
  link: 'https://kpt.example.gov.cn/projects/1',
};

/** Counts the client sockets Node creates while `run` runs (nothing else runs in this process meanwhile). */
async function socketsOpenedBy(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const onSocket = () => count++;
  subscribe('net.client.socket', onSocket);
  try {
    await run().catch(() => undefined);
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return count;
}

async function refusalOf(sending: Promise<unknown>): Promise<ChannelDeliveryError> {
  try {
    await sending;
  } catch (error) {
    if (error instanceof ChannelDeliveryError) return error;
    throw error;
  }
  throw new Error('the message was delivered');
}

describe('robot channels refuse non-public targets before connecting, and connect to the address they checked', () => {
  let sink: WebhookSink;
  let elsewhere: WebhookSink;
  let resolver: StubHostResolver;
  const strict = () => new OutboundAddressGuard({ allowLoopback: false, hostAllowlist: [] }, resolver.resolve);

  beforeAll(async () => {
    sink = await startWebhookSink();
    elsewhere = await startWebhookSink();
  });
  afterAll(async () => {
    await sink?.close();
    await elsewhere?.close();
  });
  beforeEach(() => {
    resolver = stubHostResolver();
    sink.received.length = 0;
    elsewhere.received.length = 0;
    sink.answerWith(200, { errcode: 0, errmsg: 'ok' });
  });

  it.each([
    ['10.0.0.1', /10\.0\.0\.1, a private \(RFC 1918\) address/],
    ['169.254.169.254', /169\.254\.169\.254, the cloud metadata service/],
    ['100.100.100.200', /Alibaba Cloud metadata service/],
    ['fd00::1', /fd00::1, a unique-local/],
    ['::ffff:192.168.0.10', /private/],
    ['fe80::1', /link-local/],
  ])('DNS says %s: refused, and no socket was ever opened', async (address, reason) => {
    resolver.set('robot.example.cn', [address]);
    const channel = new DingTalkRobotChannel({ timeoutMs: 2000, guard: strict() });
    let refusal: ChannelDeliveryError | undefined;
    const sockets = await socketsOpenedBy(async () => {
      refusal = await refusalOf(channel.send({ address: 'https://robot.example.cn/robot/send?access_token=tok', secret: 'SECx' }, message));
    });
    expect(refusal).toMatchObject({ refused: true, message: expect.stringMatching(reason) });
    expect(refusal!.message).not.toContain('tok');
    expect(resolver.calls).toEqual(['robot.example.cn']);
    expect(sockets).toBe(0);
  });

  it('the loopback itself is refused without the test-only switch: the local robot receives nothing', async () => {
    const channel = new WeComRobotChannel({ timeoutMs: 2000, guard: strict() });
    const sockets = await socketsOpenedBy(async () => {
      const refusal = await refusalOf(channel.send({ address: `${sink.url}/cgi-bin/webhook/send?key=k` }, message));
      expect(refusal.message).toMatch(/must start with https:\/\//);
    });
    const literal = await refusalOf(channel.send({ address: `https://127.0.0.1:${new URL(sink.url).port}/x` }, message));
    expect(literal.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(sockets).toBe(0);
    expect(sink.received).toHaveLength(0);
  });

  it('DNS rebinding changes nothing: the request goes to the address that was checked, DNS is asked once', async () => {
    // First answer (checked): the local robot. Any later answer would be a private address.
    resolver.set('robot.rebind.test', ['127.0.0.1'], ['10.0.0.1']);
    const guard = new OutboundAddressGuard({ allowLoopback: true, hostAllowlist: [] }, resolver.resolve);
    const channel = new WeComRobotChannel({ timeoutMs: 2000, guard });
    const receipt = await channel.send({ address: `http://robot.rebind.test:${new URL(sink.url).port}/cgi-bin/webhook/send?key=k` }, message);
    expect(receipt).toEqual({ status: 200, durationMs: expect.any(Number) });
    expect(resolver.calls).toEqual(['robot.rebind.test']);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0].headers.host).toBe(`robot.rebind.test:${new URL(sink.url).port}`);
  });

  it('a redirect is refused, never followed', async () => {
    sink.answerWith(302, '', { location: `${elsewhere.url}/steal` });
    const guard = new OutboundAddressGuard({ allowLoopback: true, hostAllowlist: [] }, resolver.resolve);
    const channel = new DingTalkRobotChannel({ timeoutMs: 2000, guard });
    const refusal = await refusalOf(channel.send({ address: `${sink.url}/robot/send?access_token=t` }, message));
    expect(refusal.message).toMatch(/answered with a redirect \(HTTP 302\), which is not followed/);
    expect(refusal.status).toBe(302);
    expect(sink.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('production refuses CHANNEL_ALLOW_LOOPBACK=true at boot', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) };
    expect(() => validateConfig({ ...env, CHANNEL_ALLOW_LOOPBACK: 'true' })).toThrow(/CHANNEL_ALLOW_LOOPBACK=true is for tests and local development only/);
    try {
      validateConfig(env);
    } catch (error) {
      // other production rules (e.g. on JWT_SECRET) may refuse this env; this one must not be among them
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toMatch(/CHANNEL_ALLOW_LOOPBACK/);
    }
  });
});

describe('the channel API under the production rules (no loopback) with a stubbed resolver', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let fgw: Department;
  let editor: Record<string, string>;
  const resolver = stubHostResolver({
    'oapi.dingtalk.com': ['203.119.206.75'],
    'metadata.internal.test': ['169.254.169.254'],
    'intranet.internal.test': ['10.0.0.1'],
    'ula.internal.test': ['fd00::1'],
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { CHANNEL_ALLOW_LOOPBACK: 'false' }, (builder) => builder.overrideProvider(HOST_RESOLVER).useValue(resolver.resolve));
    fgw = await createDepartment(database.dataSource, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    await createUser(database.dataSource, 'department_editor', { username: 'editor-fgw', departmentId: fgw.id });
    editor = await signIn(app, 'editor-fgw');
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const create = (address: string) =>
    app.inject({ method: 'POST', url: `/api/v1/departments/${fgw.id}/channels`, headers: editor, payload: { channel: 'dingtalk', address } });

  it.each([
    ['https://metadata.internal.test/latest/meta-data', /metadata\.internal\.test resolves to 169\.254\.169\.254, the cloud metadata service/],
    ['https://intranet.internal.test/robot/send?access_token=t', /private/],
    ['https://ula.internal.test/robot/send', /unique-local/],
    ['https://169.254.169.254/latest/meta-data', /cloud metadata service/],
    ['https://[::ffff:a9fe:a9fe]/latest/meta-data', /cloud metadata service/],
    ['https://100.100.100.200/latest/meta-data', /Alibaba Cloud metadata service/],
    ['http://127.0.0.1:9/robot/send', /must start with https:\/\//],
    ['https://localhost/robot/send', /does not resolve|loopback/],
    ['https://unknown.internal.test/robot/send', /does not resolve/],
  ])('saving %s is refused with 400 on the address field', async (address, reason) => {
    const response = await create(address);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'address', reason: expect.stringMatching(reason) }] });
  });

  it('nothing refused was stored; a public https robot is accepted', async () => {
    expect(await database.dataSource.getRepository(DepartmentChannel).count()).toBe(0);
    expect((await create('https://oapi.dingtalk.com/robot/send?access_token=abc123')).statusCode).toBe(201);
  });

  it('a stored URL that points inward now (saved earlier, or DNS changed since) is refused again at send time', async () => {
    const row = await database.dataSource
      .getRepository(DepartmentChannel)
      .save({ departmentId: fgw.id, channel: 'wecom', address: 'https://intranet.internal.test/cgi-bin/webhook/send?key=k', enabled: true });
    resolver.calls.length = 0;
    const response = await app.inject({ method: 'POST', url: `/api/v1/department-channels/${row.id}/test`, headers: editor });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({
      code: 'CHANNEL_TEST_FAILED',
      message: expect.stringMatching(/refused before sending: the address must point at a public internet host; intranet\.internal\.test resolves to 10\.0\.0\.1/),
    });
    expect(resolver.calls).toEqual(['intranet.internal.test']);
  });
});

describe('the test send reports status and timing, never what the remote server said', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let sink: WebhookSink;
  let channelId: string;
  let editor: Record<string, string>;
  const MARKER = 'root:x:0:0:internal-page-content';

  beforeAll(async () => {
    sink = await startWebhookSink();
    database = await createTestDatabase();
    app = await createTestApp(database); // CHANNEL_ALLOW_LOOPBACK=true, as for every test: the sink is on 127.0.0.1
    const fgw = await createDepartment(database.dataSource, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    await createUser(database.dataSource, 'department_editor', { username: 'editor-fgw', departmentId: fgw.id });
    editor = await signIn(app, 'editor-fgw');
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/departments/${fgw.id}/channels`,
      headers: editor,
      payload: { channel: 'wecom', address: `${sink.url}/cgi-bin/webhook/send?key=k` },
    });
    channelId = created.json().id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await sink?.close();
  });

  const sendTest = () => app.inject({ method: 'POST', url: `/api/v1/department-channels/${channelId}/test`, headers: editor });

  it('delivered: status and duration only', async () => {
    sink.answerWith(200, { errcode: 0, errmsg: MARKER, leaked: MARKER });
    const response = await sendTest();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(expect.objectContaining({ delivered: true, status: 200, durationMs: expect.any(Number) }));
    expect(response.body).not.toContain(MARKER);
  });

  it.each([
    [500, MARKER, /answered HTTP 500/],
    [200, `<html>${MARKER}</html>`, /not a robot's JSON \(HTTP 200\)/],
    [200, { errcode: 40001, errmsg: MARKER }, /errcode 40001 \(HTTP 200\)/],
  ])('failed (HTTP %s): a 502 that does not quote the answer', async (status, body, reason) => {
    sink.answerWith(status, body);
    const response = await sendTest();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'CHANNEL_TEST_FAILED', message: expect.stringMatching(reason) });
    expect(response.body).not.toContain(MARKER);
  });
});
