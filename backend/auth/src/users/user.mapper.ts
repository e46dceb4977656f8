import { UserDto } from '@shop/contracts';
import { UserEntity } from './user.entity';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tier: user.tier,
    ...(user.isTest ? { test: true } : {}),
    createdAt: user.createdAt.toISOString(),
  };
}

/** Emails are compared and stored trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
