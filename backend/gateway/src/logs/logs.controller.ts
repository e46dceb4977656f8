import { Body, Controller, Get, HttpCode, MessageEvent, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';
import { CLIENT_LOG_LIMITS, NotificationRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { ClientLogPublisher } from './client-log-publisher';
import { LOG_INGEST_TOKEN_HEADER, LogIngestGuard } from './log-ingest.guard';
import { LogReader } from './log-reader';
import {
  ClientLogReceiptDto,
  ClientLogReportDto,
  LogEntryDto,
  LogPageDto,
  LogQueryDto,
  LogStreamQueryDto,
} from './logs.dto';

/**
 * The centralized log of every instance: searched in the log store (the notification service's
 * `service_logs`), followed live from its JetStream stream, and written to by the web apps.
 */
@ApiTags('logs')
@Controller('logs')
export class LogsController {
  constructor(
    private readonly reader: LogReader,
    private readonly rpc: RpcClient,
    private readonly clientLogs: ClientLogPublisher,
  ) {}

  @Get()
  @Auth('admin')
  @ApiOperation({
    summary: 'Search the centralized log, newest first',
    description:
      'Every instance ships its log records (info and above, debug too at LOG_LEVEL=debug) to NATS; the log store keeps them in PostgreSQL ' +
      '(LOG_STORE_RETENTION_HOURS of the notification service). Filters combine; `from`/`to` bound the ' +
      'time; page with `before=<nextBefore>`.',
  })
  @ApiOkResponse({ type: LogPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A filter is malformed' })
  query(@Query() query: LogQueryDto, @Ctx() ctx: RequestContext): Promise<LogPageDto> {
    return this.rpc.call(NotificationRpc.searchLogs, { ...query }, ctx);
  }

  @Post()
  @HttpCode(202)
  @UseGuards(LogIngestGuard)
  @ApiBearerAuth()
  @ApiSecurity('logIngestToken')
  @ApiOperation({
    summary: 'Report errors of a web app to the centralized log',
    description:
      `An administrator's access token, or the ingest token (LOG_INGEST_TOKEN) in the ${LOG_INGEST_TOKEN_HEADER} ` +
      `header. At most ${CLIENT_LOG_LIMITS.maxRecords} records a request, and LOG_REPORTS_PER_MINUTE ` +
      'requests a minute per client address (30 by default).',
  })
  @ApiAcceptedResponse({ type: ClientLogReceiptDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The report is malformed' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No access token, or a wrong ingest token' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an administrator' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many reports from this client' })
  async report(@Body() body: ClientLogReportDto, @Req() req: FastifyRequest): Promise<ClientLogReceiptDto> {
    const accepted = await this.clientLogs.publish(body, { clientAddress: req.ip, userId: req.user?.sub });
    return { accepted };
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
