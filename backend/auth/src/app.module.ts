import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { authEntities } from './entities';
import { authMigrations } from './migrations';

/** The auth service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('auth'),
    PersistenceModule.forService({ schema: 'auth', entities: authEntities, migrations: authMigrations }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
})
export class AuthModule {}
