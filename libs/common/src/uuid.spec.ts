import { isUuid } from './uuid';

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case', () => {
    expect(isUuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toBe(true);
    expect(isUuid('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(true);
  });

  it('refuses other strings and non-strings', () => {
    expect(isUuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1')).toBe(false);
    expect(isUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' OR 1=1")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
