import { formatAge, formatBytes, formatMs } from './format';

describe('format helpers', () => {
  it('formats durations, sizes and ages for the monitor', () => {
    expect(formatMs(2.345)).toBe('2.3 ms');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(1500)).toBe('1.50 s');
    expect(formatMs(undefined)).toBe('–');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(85 * 1024 * 1024)).toBe('85 MB');
    expect(formatAge(420)).toBe('0.4 s ago');
    expect(formatAge(180_000)).toBe('3 min ago');
  });
});
