import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  Param,
  PipeTransform,
  Post,
  Sse,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Observable, interval, map, startWith } from 'rxjs';
import { SERVICE_NAMES, ServiceName, isServiceName, platformContract } from '@shop/contracts';
import { AppError, AppLogger, RequestContext } from '@shop/common';
import { ClusterConfigStore, RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { RelaysJson, jsonBody } from '../http/json-relay';
import { Ctx } from '../http/request-context.decorator';
import { applyConfigCommand } from './apply-config-command';
import { ClusterHealthService } from './cluster-health.service';
import { ConfigCommandDto } from './config-command.dto';
import {
  ApiErrorDto,
  ClusterConfigChangeDto,
  ClusterConfigSnapshotDto,
  ClusterHealthDto,
  InstanceInfoDto,
} from './services.dto';

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
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Every service and instance with its heartbeat figures, status and breaker' })
  @ApiOkResponse({ type: ClusterHealthDto })
  getHealth(): ClusterHealthDto {
    return this.health.snapshot();
  }

  @Sse('health/stream')
  @ApiOperation({ summary: 'The same picture as server-sent events, once a second' })
  @ApiOkResponse({ description: 'text/event-stream of ClusterHealth objects (event "health")' })
  streamHealth(): Observable<MessageEvent> {
    return interval(1000).pipe(
      startWith(0),
      map(() => ({ type: 'health', data: this.health.snapshot() })),
    );
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
      'set-consistency, set-priority. Takes effect on every instance within a second and survives restarts.',
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
  @ApiOperation({ summary: 'Ask one instance of a service (chosen by the balancer) who it is' })
  @ApiParam({ name: 'service', enum: SERVICE_NAMES })
  @ApiOkResponse({ type: InstanceInfoDto })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No healthy instance' })
  @RelaysJson()
  async info(
    @Param('service', ServiceNamePipe) service: ServiceName,
    @Ctx() ctx: RequestContext,
  ): Promise<Buffer> {
    return jsonBody(await this.rpc.callRaw(platformContract(service).info, {}, ctx));
  }
}
