import { SessionEntity } from './sessions/session.entity';
import { LoginThrottleEntity } from './throttle/login-throttle.entity';
import { UserEntity } from './users/user.entity';

/** Every TypeORM entity of the auth service (its schema "auth"). */
export const authEntities = [UserEntity, SessionEntity, LoginThrottleEntity];
