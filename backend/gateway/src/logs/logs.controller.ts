import { Controller, Get, MessageEvent, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable, map } from 'rxjs';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { LogReader } from './log-reader';
import { LogEntryDto, LogPageDto, LogQueryDto, LogStreamQueryDto } from './logs.dto';

/** The centralized log of every instance, read from its JetStream stream (admin only). */
@ApiTags('logs')
@Controller('logs')
export class LogsController {
  constructor(private readonly reader: LogReader) {}

  @Get()
  @Auth('admin')
  @ApiOperation({
    summary: 'Search the centralized log, newest first',
    description:
      'Every instance ships its log records (info and above) to NATS; a JetStream stream keeps them ' +
      '(24 h or 200,000 batches by default). Filters combine; page with `before=<nextBefore>`.',
  })
  @ApiOkResponse({ type: LogPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A filter is malformed' })
  query(@Query() query: LogQueryDto): Promise<LogPageDto> {
    return this.reader.query(query);
  }

  @EventStream('stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'Follow the centralized log as server-sent events (event "log", one LogEntry each)',
    description: 'EventSource cannot send headers: pass the token as `?access_token=`.',
  })
  @ApiOkResponse({
    description: 'text/event-stream; each event "log" carries one LogEntry',
    type: LogEntryDto,
  })
  stream(@Query() query: LogStreamQueryDto): Observable<MessageEvent> {
    const { backfill, access_token: _token, ...filter } = query;
    return this.reader
      .follow(filter, backfill ?? 0)
      .pipe(map((entry) => ({ type: 'log', id: entry.id, data: entry })));
  }
}
