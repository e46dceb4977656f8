import { needsEmbedded, redact } from './database';
import { SetupError } from './probe';

describe('needsEmbedded', () => {
  const refused = { ok: false, unreachable: true, message: 'connect ECONNREFUSED 127.0.0.1:5432' } as const;
  const denied = { ok: false, unreachable: false, message: 'password authentication failed' } as const;

  it('uses a PostgreSQL that answers', () => {
    expect(needsEmbedded(undefined, { ok: true })).toBe(false);
    expect(needsEmbedded('postgres://u@db:5432/shop', { ok: true })).toBe(false);
  });

  it('falls back to the embedded server only when nothing answers on the default address', () => {
    expect(needsEmbedded(undefined, refused)).toBe(true);
  });

  it('stops on an explicit DATABASE_URL that does not answer, naming it without its password', () => {
    const run = () => needsEmbedded('postgres://shop:secret@db.internal:6543/shop', refused);
    expect(run).toThrow(SetupError);
    expect(run).toThrow('DATABASE_URL=postgres://shop:***@db.internal:6543/shop does not answer');
  });

  it('stops when a server answers with an error, given or default', () => {
    expect(() => needsEmbedded(undefined, denied)).toThrow(
      'PostgreSQL at postgres://postgres@127.0.0.1:5432/shop answered with an error: password authentication failed',
    );
    expect(() => needsEmbedded('postgres://u:p@db/shop', denied)).toThrow(SetupError);
  });
});

describe('redact', () => {
  it('hides the password, also of a string that is no URL', () => {
    expect(redact('postgres://u:p@h:1/d')).toBe('postgres://u:***@h:1/d');
    expect(redact('postgres://u:p@h:99999999/d')).toBe('postgres://u:***@h:99999999/d');
  });
});
