import { describe, expect, it } from 'vitest';
import { inAppPath } from './links';

const id = '6f1c2a4e-1b2c-4d5e-8f90-123456789abc';
const project = '0a1b2c3d-1b2c-4d5e-8f90-123456789abc';

describe('notification links', () => {
  it('follows a notice link in the app, whatever host it names, before the project', () => {
    expect(inAppPath(`https://kpt.yuquan.gov.cn/notices/${id}`, project)).toBe(`/notices/${id}`);
    expect(inAppPath(`http://localhost:3000/supervision-notices/${id}`)).toBe(`/notices/${id}`);
    expect(inAppPath(`/projects/${project}`)).toBe(`/projects/${project}`);
  });

  it('falls back to the project, or nothing, for a link the app has no page for', () => {
    expect(inAppPath('https://example.com/elsewhere', project)).toBe(`/projects/${project}`);
    expect(inAppPath(null, project)).toBe(`/projects/${project}`);
    expect(inAppPath('javascript:alert(1)', null)).toBeNull();
    expect(inAppPath(null, null)).toBeNull();
  });
});
