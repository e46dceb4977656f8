import { Module } from '@nestjs/common';
import { JsonRelay } from '../http/json-relay';
import { ClusterHealthService } from './cluster-health.service';
import { ServicesController } from './services.controller';

@Module({
  controllers: [ServicesController],
  providers: [ClusterHealthService, JsonRelay],
})
export class ServicesModule {}
