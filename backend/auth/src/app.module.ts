import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { AuthNatsController } from './auth/auth.nats-controller';
import { AuthService } from './auth/auth.service';
import { authEnv } from './config/auth.env';
import { authEntities } from './entities';
import { authMigrations } from './migrations';
import { AccessTokenIssuer } from './sessions/access-tokens';
import { SessionsService } from './sessions/sessions.service';
import { AuthSweeper } from './sweeper';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { DemoAccountsSeeder } from './users/demo-accounts.seeder';
import { UsersService } from './users/users.service';

/** The auth service: accounts, sessions, tokens and login throttling. One instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('auth', { env: authEnv }),
    PersistenceModule.forService({ schema: 'auth', entities: authEntities, migrations: authMigrations }),
    TypeOrmModule.forFeature(authEntities),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [
    AccessTokenIssuer,
    UsersService,
    SessionsService,
    LoginThrottleService,
    AuthService,
    AuthNatsController,
    DemoAccountsSeeder,
    AuthSweeper,
  ],
})
export class AuthModule {}
