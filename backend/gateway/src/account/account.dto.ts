import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  AuthResponse,
  PASSWORD_MIN_LENGTH,
  RefreshTokenTransport,
  SessionView,
  UserDto,
  UserPage,
  UserRole,
  UserTier,
} from '@shop/contracts';
import { IsPasswordPolicy } from './password-policy.validator';
import { PageQueryDto } from '../http/page-query.dto';

const ROLES: UserRole[] = ['customer', 'admin'];
const TIERS: UserTier[] = ['normal', 'vip'];
const TRANSPORTS: RefreshTokenTransport[] = ['body', 'cookie'];

/** `refreshTokenIn` of register and login. */
class SignInOptionsDto {
  @ApiPropertyOptional({
    enum: TRANSPORTS,
    default: 'body',
    description:
      'Where the refresh token goes. `body` (default, for API clients): in the JSON answer. `cookie` (the ' +
      'browser apps): only in an httpOnly, SameSite=Strict cookie `shop_refresh_<sessionId>` scoped to ' +
      '/api/auth (Secure over HTTPS), which no page script can read; the answer then has no refreshToken.',
  })
  @IsOptional()
  @IsIn(TRANSPORTS, { message: `refreshTokenIn must be one of: ${TRANSPORTS.join(', ')}` })
  refreshTokenIn?: RefreshTokenTransport;
}

export class RegisterDto extends SignInOptionsDto {
  @ApiProperty({ example: 'jane@example.com', format: 'email', maxLength: 254 })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    example: 'Secret123',
    minLength: PASSWORD_MIN_LENGTH,
    description:
      'At least 8 characters (at most 72 bytes) with a lowercase letter, an uppercase letter and a digit',
  })
  @IsPasswordPolicy()
  password!: string;
}

export class LoginDto extends SignInOptionsDto {
  @ApiProperty({ example: 'shopper@shop.local', format: 'email', maxLength: 254 })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Shopper123!', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200)
  password!: string;
}

/**
 * API clients send the refresh token they were given; the browser apps send their session id, and the
 * gateway reads that session's httpOnly refresh cookie. Exactly one of the two.
 */
export class RefreshDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'API clients: the refresh token from register, login or the previous refresh (single use); the ' +
      'answer carries the next one',
  })
  @ValidateIf((o: RefreshDto) => o.sessionId === undefined || o.refreshToken !== undefined)
  @IsString()
  @MinLength(1, { message: 'refreshToken must not be empty' })
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Browsers: the session whose refresh cookie (`shop_refresh_<sessionId>`) to use; the next refresh ' +
      'token replaces the cookie and is not in the answer',
  })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a session id (UUID)' })
  sessionId?: string;
}

/** Optional: a browser whose access token expired signs out with its session's refresh cookie. */
export class LogoutDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Without a valid access token: the session whose refresh cookie ends it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a session id (UUID)' })
  sessionId?: string;
}

export class SetTierDto {
  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS, { message: `tier must be one of: ${TIERS.join(', ')}` })
  tier!: UserTier;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the email', maxLength: 254 })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: UserRole;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS, { message: `tier must be one of: ${TIERS.join(', ')}` })
  tier?: UserTier;
}

export class UserResponseDto implements UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
  @ApiProperty({ enum: ROLES }) role!: UserRole;
  @ApiProperty({ enum: TIERS }) tier!: UserTier;
  @ApiPropertyOptional({ description: 'A generated test shopper (no password; the admin API orders for it)' })
  test?: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuthTokensResponseDto implements AuthResponse {
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'JWT (HS256), send as `Authorization: Bearer <token>`' }) accessToken!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn!: number;
  @ApiPropertyOptional({
    description:
      'Opaque, single use: every refresh returns a new one. Only with refreshTokenIn "body" (the default) ' +
      'or a refresh by refreshToken; browsers get it as a cookie instead',
  })
  refreshToken?: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless refreshed' })
  refreshExpiresAt!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
}

export class UserPageDto implements UserPage {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class LogoutResponseDto {
  @ApiProperty({ description: 'False when the session had already ended' }) revoked!: boolean;
}

/** `kind` is `guest` (no or invalid token: the home page shows guest content) or `user`. */
export class SessionViewDto {
  @ApiProperty({ enum: ['guest', 'user'] }) kind!: SessionView['kind'];
  @ApiPropertyOptional({ format: 'uuid' }) sessionId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
  @ApiPropertyOptional({ type: UserResponseDto }) user?: UserResponseDto;
}
