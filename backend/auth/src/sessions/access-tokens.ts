import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, AuthTokens, UserDto } from '@shop/contracts';
import { AUTH_CONFIG, AuthConfig } from '../config/auth-config';

/** Signs short-lived access tokens (HS256) and assembles the token response. */
@Injectable()
export class AccessTokenIssuer {
  private readonly jwt: JwtService;

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    this.jwt = new JwtService({
      secret: config.jwtSecret,
      signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
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
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      sessionId,
      user,
    };
  }
}
