import { Module } from '@nestjs/common';
import { GatewayAuthModule } from '../auth/auth.module';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';

/** HTTP routes of accounts and sessions (`/api/auth/*`, `/api/users`), served by the auth service. */
@Module({
  imports: [GatewayAuthModule],
  controllers: [AuthController, UsersController],
})
export class AccountModule {}
