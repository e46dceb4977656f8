import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  Param,
  PipeTransform,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Observable, interval, map, startWith } from 'rxjs';
import { SERVICE_NAMES, ServiceName, isServiceName, platformContract } from '@shop/contracts';
import { AppError, AppLogger, RequestContext } from '@shop/common';
import { ClusterConfigStore } from '@shop/messaging';
import { Auth, AuthIfPresent } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { JsonRelay, RelaysJson } from '../http/json-relay';
import { Ctx } from '../http/request-context.decorator';
import { applyConfigCommand } from './apply-config-command';
import { ClusterHealthService } from './cluster-health.service';
import { ConfigCommandDto } from './config-command.dto';
import {
  ApiErrorDto,
  ClusterConfigChangeDto,
  ClusterConfigSnapshotDto,
  ClusterHealthDto,
  ClusterHealthSummaryDto,
  InstanceInfoDto,
} from './services.dto';

/** The health routes answer one of two shapes, told apart by `view`. */
const HEALTH_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(ClusterHealthSummaryDto) }, { $ref: getSchemaPath(ClusterHealthDto) }],
  discriminator: { propertyName: 'view' },
};

/** Path parameter naming a service; anything else is a 404 that lists the known services. */
class ServiceNamePipe implements PipeTransform<string, ServiceName> {
  transform(value: string): ServiceName {
    if (!isServiceName(value))
      throw AppError.notFound(`Unknown service "${value}"; known: ${SERVICE_NAMES.join(', ')}`);
    return value;
  }
}

@ApiTags('services')
@Controller('services')
export class ServicesController {
  constructor(
    private readonly health: ClusterHealthService,
    private readonly config: ClusterConfigStore,
    private readonly relay: JsonRelay,
    private readonly logger: AppLogger,
  ) {}

  @Get('health')
  @AuthIfPresent()
  @ApiOperation({
    summary: 'Cluster health: each service up or down for everyone, every instance in detail for admins',
    description:
      'Anonymous callers and shoppers get `view: "summary"` (each service with its healthy and total ' +
      'instance counts). Admins get `view: "detail"`: every instance with its heartbeat figures (pid, host, ' +
      "memory, latency), status, routing and this gateway instance's breaker.",
  })
  @ApiExtraModels(ClusterHealthDto, ClusterHealthSummaryDto)
  @ApiOkResponse({ schema: HEALTH_SCHEMA })
  getHealth(@Req() req: FastifyRequest): ClusterHealthDto | ClusterHealthSummaryDto {
    return this.pictureFor(req);
  }

  @EventStream('health/stream')
  @AuthIfPresent()
  @ApiOperation({
    summary: 'The same picture as server-sent events (event "health"), once a second',
    description: 'A summary for anonymous callers and shoppers, every instance in detail for admins.',
  })
  @ApiOkResponse({
    description: 'text/event-stream of the health picture (event "health")',
    schema: HEALTH_SCHEMA,
  })
  streamHealth(@Req() req: FastifyRequest): Observable<MessageEvent> {
    return interval(1000).pipe(
      startWith(0),
      map(() => ({ type: 'health', data: this.pictureFor(req) })),
    );
  }

  /** Instance detail (pids, hosts, memory, routing, breakers) is for admins only. */
  private pictureFor(req: FastifyRequest): ClusterHealthDto | ClusterHealthSummaryDto {
    return req.user?.role === 'admin' ? this.health.snapshot() : this.health.summary();
  }

  @Get('config')
  @Auth('admin')
  @ApiOperation({ summary: 'The cluster-wide runtime configuration' })
  @ApiOkResponse({ type: ClusterConfigSnapshotDto })
  getConfig(): ClusterConfigSnapshotDto {
    return this.config.current() as unknown as ClusterConfigSnapshotDto;
  }

  @Get('config/history')
  @Auth('admin')
  @ApiOperation({ summary: 'Recorded configuration changes, newest first, with who made them' })
  @ApiOkResponse({ type: [ClusterConfigChangeDto] })
  getConfigHistory(): Promise<ClusterConfigChangeDto[]> {
    return this.config.history();
  }

  @Post('config')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({
    summary: 'Change the cluster configuration',
    description:
      'Actions: enable/disable an instance, set-algorithm, set-weight, inject-fault/clear-fault/clear-faults, ' +
      'set-consistency, set-priority, set-payment-outage. Takes effect on every instance within a second and survives restarts.',
  })
  @ApiOkResponse({ type: ClusterConfigSnapshotDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  async changeConfig(
    @Body() cmd: ConfigCommandDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ClusterConfigSnapshotDto> {
    const by = ctx.caller?.email ?? ctx.caller?.userId ?? 'unknown';
    let summary = '';
    const snapshot = await this.config.update(
      by,
      (config) => (summary = applyConfigCommand(config, cmd, by)),
    );
    this.logger.write('info', `Cluster configuration r${snapshot.revision} by ${by}: ${summary}`, {
      correlationId: ctx.correlationId,
      context: 'Config',
    });
    return snapshot as unknown as ClusterConfigSnapshotDto;
  }

  @Get(':service/info')
  @Auth('admin')
  @ApiOperation({ summary: 'Ask one instance of a service (chosen by the balancer) who it is (admin)' })
  @ApiParam({ name: 'service', enum: SERVICE_NAMES })
  @ApiOkResponse({ type: InstanceInfoDto })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No healthy instance' })
  @RelaysJson()
  async info(
    @Param('service', ServiceNamePipe) service: ServiceName,
    @Ctx() ctx: RequestContext,
  ): Promise<unknown> {
    return this.relay.answer(platformContract(service).info, {}, ctx);
  }
}
