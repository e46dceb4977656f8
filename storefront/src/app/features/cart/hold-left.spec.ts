import { holdLeft } from './hold-left';

describe('holdLeft', () => {
  const now = Date.parse('2026-11-23T12:00:00.000Z');

  it('counts down minutes and seconds until the hold lapses', () => {
    expect(holdLeft('2026-11-23T12:14:05.000Z', now)).toEqual({
      text: 'Held for you for 14:05',
      expired: false,
    });
    expect(holdLeft('2026-11-23T12:00:09.500Z', now).text).toBe('Held for you for 0:09');
  });

  it('says when the hold expired, and nothing for a missing date', () => {
    expect(holdLeft('2026-11-23T11:59:59.000Z', now).expired).toBe(true);
    expect(holdLeft(undefined, now)).toEqual({ text: '', expired: false });
  });
});
