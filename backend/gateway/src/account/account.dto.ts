import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  AuthTokens,
  PASSWORD_MIN_LENGTH,
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

export class RegisterDto {
  @ApiProperty({ example: 'jane@example.com', maxLength: 254 })
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

export class LoginDto {
  @ApiProperty({ example: 'shopper@shop.local', maxLength: 254 })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Shopper123!', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from register, login or the previous refresh (single use)' })
  @IsString()
  @MinLength(1, { message: 'refreshToken must not be empty' })
  @MaxLength(200)
  refreshToken!: string;
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
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuthTokensResponseDto implements AuthTokens {
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'JWT (HS256), send as `Authorization: Bearer <token>`' }) accessToken!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Opaque, single use: every refresh returns a new one' }) refreshToken!: string;
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
