import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, AuthTokens, UserDto } from '@shop/contracts';
import { jwtSecret } from '@shop/common';
import { AuthEnv } from '../config/auth.env';

/** Signs short-lived access tokens (HS256) and assembles the token response. */
@Injectable()
export class AccessTokenIssuer {
  private readonly jwt: JwtService;
  private readonly ttlSeconds: number;

  constructor(config: ConfigService<AuthEnv, true>) {
    this.ttlSeconds = config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
    this.jwt = new JwtService({
      secret: jwtSecret({
        NODE_ENV: config.get('NODE_ENV', { infer: true }),
        JWT_SECRET: config.get('JWT_SECRET', { infer: true }),
      }),
      signOptions: { algorithm: 'HS256', expiresIn: this.ttlSeconds },
    });
  }

  issue(user: UserDto, sessionId: string, refreshToken: string, refreshExpiresAt: Date): AuthTokens {
    const claims: AccessTokenClaims = {
      sub: user.id,
      email: user.email,
      role: user.role,
      tier: user.tier,
      sid: sessionId,
    };
    return {
      tokenType: 'Bearer',
      accessToken: this.jwt.sign(claims),
      expiresIn: this.ttlSeconds,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      sessionId,
      user,
    };
  }
}
