import { WeightedPicker } from './weighted-picker';

describe('WeightedPicker', () => {
  const count = (
    picker: WeightedPicker,
    weights: { vipWeight: number; normalWeight: number; strict: boolean },
    n: number,
  ) => {
    const firsts = { vip: 0, normal: 0 };
    for (let i = 0; i < n; i++) firsts[picker.order(weights)[0]]++;
    return firsts;
  };

  it('prefers VIP four times out of five with the default 4:1 weights', () => {
    expect(count(new WeightedPicker(), { vipWeight: 4, normalWeight: 1, strict: false }, 100)).toEqual({
      vip: 80,
      normal: 20,
    });
  });

  it('gives normal orders a turn within every five picks (no starvation)', () => {
    const picker = new WeightedPicker();
    const seq = Array.from(
      { length: 10 },
      () => picker.order({ vipWeight: 4, normalWeight: 1, strict: false })[0],
    );
    expect(seq.slice(0, 5)).toContain('normal');
    expect(seq.slice(5, 10)).toContain('normal');
  });

  it('follows weights changed at runtime', () => {
    const picker = new WeightedPicker();
    count(picker, { vipWeight: 4, normalWeight: 1, strict: false }, 10);
    expect(count(picker, { vipWeight: 1, normalWeight: 1, strict: false }, 100)).toEqual({
      vip: 50,
      normal: 50,
    });
  });

  it('always prefers VIP in strict mode', () => {
    expect(count(new WeightedPicker(), { vipWeight: 1, normalWeight: 9, strict: true }, 20)).toEqual({
      vip: 20,
      normal: 0,
    });
  });
});
