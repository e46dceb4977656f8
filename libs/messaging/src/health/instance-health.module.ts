import { Controller, DynamicModule, Get, Inject, Module } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { MetricsController } from '../metrics/metrics.controller';
import { NatsHealthIndicator } from './nats.health';

const WITH_DATABASE = Symbol('WITH_DATABASE');

/** Liveness (the process answers) and readiness (its database and NATS answer) of one instance. */
@Controller('health')
class InstanceHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(WITH_DATABASE) private readonly withDatabase: boolean,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.nats.isHealthy()];
    if (this.withDatabase) checks.push(() => this.db.pingCheck('database', { timeout: 1500 }));
    return this.health.check(checks);
  }
}

/** Every instance's HTTP endpoints for operations: `/health/live`, `/health/ready` and `/metrics`. */
@Module({})
export class InstanceHealthModule {
  static forRoot(opts: { database: boolean }): DynamicModule {
    return {
      module: InstanceHealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [InstanceHealthController, MetricsController],
      providers: [NatsHealthIndicator, { provide: WITH_DATABASE, useValue: opts.database }],
    };
  }
}
