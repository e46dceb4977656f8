import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseEnv, readConfig } from '@shop/common';
import {
  ServiceDatabaseOptions,
  ensureDatabase,
  migrateWithLock,
  serviceDataSourceOptions,
} from './database-options';

/**
 * The service's TypeORM connection: ensures the database and schema exist and migrations have run. The
 * database settings come from the application's configuration (`databaseEnv`, part of `instanceEnv`, which
 * `MessagingModule.forRoot` makes global).
 */
@Module({})
export class PersistenceModule {
  static forService(opts: ServiceDatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async (config: ConfigService) => {
            const db = readConfig(config, databaseEnv);
            await ensureDatabase(db.DATABASE_URL);
            return serviceDataSourceOptions(opts, db);
          },
          inject: [ConfigService],
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
