import { webcrypto } from 'node:crypto';
import { dingTalkSignature, signDingTalkWebhook } from './dingtalk-signature';

const SECRET = 'SECa1b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef0123';
const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';

/** The same scheme through WebCrypto, independent of the node:crypto HMAC the code uses. */
async function webCryptoSignature(secret: string, timestamp: number): Promise<string> {
  const encoder = new TextEncoder();
  const key = await webcrypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await webcrypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}\n${secret}`));
  return Buffer.from(mac).toString('base64');
}

describe('DingTalk 加签', () => {
  it('matches a vector computed outside Node (Python hmac + base64 + quote_plus)', () => {
    // python3: base64.b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256).digest()); urllib.parse.quote_plus(...)
    expect(dingTalkSignature(SECRET, 1763700006002)).toBe('IAvRd+lcxswO6R3tojHpdqlRnRZVym/ZHDf70EZ0JWg=');
    expect(signDingTalkWebhook(WEBHOOK, SECRET, 1763700006002)).toBe(
      `${WEBHOOK}&timestamp=1763700006002&sign=IAvRd%2BlcxswO6R3tojHpdqlRnRZVym%2FZHDf70EZ0JWg%3D`,
    );
  });

  it('agrees with WebCrypto for other timestamps', async () => {
    for (const timestamp of [1763700006000, 1763700006999, 1700000000000]) {
      await expect(webCryptoSignature(SECRET, timestamp)).resolves.toBe(dingTalkSignature(SECRET, timestamp));
    }
  });

  it('starts the query when the webhook URL has none', () => {
    expect(signDingTalkWebhook('http://127.0.0.1:9/robot', SECRET, 1763700006000)).toMatch(/^http:\/\/127\.0\.0\.1:9\/robot\?timestamp=1763700006000&sign=/);
  });
});
