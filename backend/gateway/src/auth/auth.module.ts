import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { JwtStrategy } from './jwt.strategy';
import { SessionValidator } from './session-validator';

@Module({
  imports: [PassportModule],
  providers: [JwtStrategy, SessionValidator],
  exports: [SessionValidator],
})
export class GatewayAuthModule {}
