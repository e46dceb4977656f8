import { ErrorCode } from '@shop/contracts';
import { transientFailure } from './transient-failure';

function pgError(code: string, message = 'pg error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('transientFailure', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is shutting down'],
    ['08006', 'connection failure'],
    ['40P01', 'deadlock detected'],
    ['55P03', 'canceling statement due to lock timeout'],
  ])('answers SQLSTATE %s as BUSY with Retry-After', (code, message) => {
    const answer = transientFailure(pgError(code, message));
    expect(answer?.code).toBe(ErrorCode.Busy);
    expect(answer?.details).toEqual({ retryAfterSeconds: 1 });
  });

  it('looks into the driver error TypeORM wraps and into causes', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: pgError('57P01') });
    expect(transientFailure(wrapped)?.code).toBe(ErrorCode.Busy);
    expect(transientFailure(new Error('outer', { cause: pgError('ECONNREFUSED') }))?.code).toBe(
      ErrorCode.Busy,
    );
  });

  it('recognises a connection lost mid-query by its message', () => {
    expect(transientFailure(new Error('Connection terminated unexpectedly'))?.code).toBe(ErrorCode.Busy);
  });

  it('leaves bugs and business errors alone', () => {
    expect(
      transientFailure(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBeUndefined();
    expect(
      transientFailure(pgError('23505', 'duplicate key value violates unique constraint')),
    ).toBeUndefined();
    expect(transientFailure(pgError('42P01', 'relation "x" does not exist'))).toBeUndefined();
    expect(transientFailure(undefined)).toBeUndefined();
  });
});
