import { broadcast, defineService, rpc } from '../rpc';
import {
  AuthTokens,
  ListUsersRequest,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  SessionValidation,
  SetTierRequest,
  TestShoppersRequest,
  UserDto,
  UserPage,
  ValidateSessionRequest,
} from './auth.types';

/**
 * The auth service. `me`, `logout`, `listUsers` and `setTier` act for `ctx.caller` (set by the gateway from
 * a verified access token); `listUsers`, `setTier`, `testShoppers` and `testShopperSessions` require the admin role.
 */
export const AuthRpc = defineService('auth', {
  // bcrypt is deliberately slow, and slower under load: these two get more time than the default.
  register: rpc<RegisterRequest, AuthTokens>('write', 8000),
  login: rpc<LoginRequest, AuthTokens>('write', 8000),
  refresh: rpc<RefreshRequest, AuthTokens>('write'),
  logout: rpc<LogoutRequest, { revoked: boolean }>('write'),
  me: rpc<Record<string, never>, UserDto>('read'),
  validateSession: rpc<ValidateSessionRequest, SessionValidation>('read', 2000),
  listUsers: rpc<ListUsersRequest, UserPage>('read'),
  setTier: rpc<SetTierRequest, UserDto>('write'),
  testShoppers: rpc<TestShoppersRequest, UserDto[]>('write'),
  /** A new session for each of the first `count` test shoppers of the tier (created when missing): chaos mode acts as them. */
  testShopperSessions: rpc<TestShoppersRequest, AuthTokens[]>('write'),
});

/** A session ended (logout, refresh-token reuse): every gateway and auth instance drops it from its cache. */
export const SessionRevoked = broadcast<{ sid: string }>('session-revoked');

/** A user's role or tier changed: caches holding that user's sessions drop them so the change shows at once. */
export const UserChanged = broadcast<{ userId: string }>('user-changed');
