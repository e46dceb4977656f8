import { Module } from '@nestjs/common';
import { ClientLogPublisher } from './client-log-publisher';
import { LogIngestGuard } from './log-ingest.guard';
import { LogReader } from './log-reader';
import { LogsController } from './logs.controller';

/** GET /api/logs (the log store), POST /api/logs (the web apps' reports) and /api/logs/stream (live). */
@Module({
  controllers: [LogsController],
  providers: [LogReader, ClientLogPublisher, LogIngestGuard],
})
export class LogsModule {}
