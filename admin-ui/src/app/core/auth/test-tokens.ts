import type { AccessTokenClaims, AuthResponse, UserDto } from '@shop/contracts';

/** Builds an unsigned JWT-shaped token with the given claims (the UI only decodes; the gateway verifies). */
export function fakeJwt(claims: Partial<AccessTokenClaims>): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

export const ADMIN_USER: UserDto = {
  id: 'u-admin',
  email: 'admin@shop.local',
  role: 'admin',
  tier: 'normal',
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** What login answers the apps (they ask for the refresh token as a cookie, so the body has none). */
export function tokensFor(user: UserDto, expiresInSeconds = 900): AuthResponse {
  const now = Math.floor(Date.now() / 1000);
  return {
    tokenType: 'Bearer',
    accessToken: fakeJwt({
      sub: user.id,
      email: user.email,
      role: user.role,
      tier: user.tier,
      sid: 's1',
      exp: now + expiresInSeconds,
    }),
    expiresIn: expiresInSeconds,
    refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    sessionId: 's1',
    user,
  };
}
