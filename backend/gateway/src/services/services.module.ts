import { Module } from '@nestjs/common';
import { ClusterHealthService } from './cluster-health.service';
import { ServicesController } from './services.controller';

@Module({
  controllers: [ServicesController],
  providers: [ClusterHealthService],
})
export class ServicesModule {}
