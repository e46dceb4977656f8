import { Transform } from 'class-transformer';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A query parameter read as a number. Only plain decimal text converts; anything else (the empty string,
 * `0x10`, `1e400`, `Infinity`) becomes NaN, so `IsInt`/`IsNumber` refuse it with the parameter's name
 * instead of reading `?page=` as 0 the way `Number('')` would.
 */
export function QueryNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined || typeof value === 'number') return value;
    return typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  });
}
