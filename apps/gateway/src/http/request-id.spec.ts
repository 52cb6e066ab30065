import { resolveRequestId } from './request-id';

describe('resolveRequestId', () => {
  it('keeps a sane id from the caller and replaces anything else', () => {
    expect(resolveRequestId('abc-123.x_y')).toBe('abc-123.x_y');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), ['a', 'b'], 'new\nline']) {
      expect(resolveRequestId(bad as string)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
