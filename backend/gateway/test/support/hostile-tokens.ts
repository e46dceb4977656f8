import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from '@shop/contracts';

const jwt = new JwtService();

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Access tokens the gateway must refuse, made from a valid one: signed with the real secret but expired,
 * with a changed payload under the old signature, signed with another secret, unsigned (`alg: none`),
 * signed with another algorithm, and tokens that are no JWT at all.
 */
export function hostileTokens(valid: string, secret: string): Record<string, string> {
  const claims = jwt.decode<AccessTokenClaims>(valid);
  const { iat: _iat, exp: _exp, ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  const [header, , signature] = valid.split('.');
  return {
    expired: jwt.sign({ ...rest, iat: now - 3600, exp: now - 60 }, { secret }),
    tampered: `${header}.${base64url({ ...claims, role: 'admin', sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`,
    'foreign secret': jwt.sign(rest, {
      secret: 'another-secret-that-is-not-the-cluster-one',
      expiresIn: 600,
    }),
    'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    'other algorithm': jwt.sign(rest, { secret, algorithm: 'HS512', expiresIn: 600 }),
    'not a JWT': 'not.a.jwt',
    garbage: 'x'.repeat(3000),
  };
}

/** Authorization header values around the token: each is refused (or ignored on public routes). */
export function hostileAuthorizations(valid: string, secret: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, token] of Object.entries(hostileTokens(valid, secret)))
    out[`${name} token`] = `Bearer ${token}`;
  out['empty bearer'] = 'Bearer ';
  out['basic scheme'] = 'Basic c2hvcHBlckBzaG9wLmxvY2FsOlNob3BwZXIxMjMh';
  out['token without scheme'] = valid;
  return out;
}
