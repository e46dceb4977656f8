import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { AuthHandlers } from './auth/auth.handlers';
import { AuthService } from './auth/auth.service';
import { AUTH_CONFIG, authConfigFromEnv } from './config/auth-config';
import { authEntities } from './entities';
import { authMigrations } from './migrations';
import { AccessTokenIssuer } from './sessions/access-tokens';
import { SessionsService } from './sessions/sessions.service';
import { AuthSweeper } from './sweeper';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { DemoAccountsSeeder } from './users/demo-accounts.seeder';
import { UserEntity } from './users/user.entity';
import { UsersService } from './users/users.service';

/** The auth service: accounts, sessions, tokens and login throttling. One instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('auth'),
    PersistenceModule.forService({ schema: 'auth', entities: authEntities, migrations: authMigrations }),
    TypeOrmModule.forFeature([UserEntity]),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [
    { provide: AUTH_CONFIG, useFactory: authConfigFromEnv },
    AccessTokenIssuer,
    UsersService,
    SessionsService,
    LoginThrottleService,
    AuthService,
    AuthHandlers,
    DemoAccountsSeeder,
    AuthSweeper,
  ],
})
export class AuthModule {}
