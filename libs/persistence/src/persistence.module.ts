import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ServiceDatabaseOptions,
  ensureDatabase,
  migrateWithLock,
  serviceDataSourceOptions,
} from './database-options';

/** The service's TypeORM connection: ensures the database and schema exist and migrations have run. */
@Module({})
export class PersistenceModule {
  static forService(opts: ServiceDatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabase();
            return serviceDataSourceOptions(opts);
          },
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            await migrateWithLock(ds, opts.schema);
            return ds;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
