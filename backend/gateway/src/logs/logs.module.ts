import { Module } from '@nestjs/common';
import { LogReader } from './log-reader';
import { LogsController } from './logs.controller';

/** GET /api/logs and /api/logs/stream over the centralized log stream. */
@Module({
  controllers: [LogsController],
  providers: [LogReader],
})
export class LogsModule {}
