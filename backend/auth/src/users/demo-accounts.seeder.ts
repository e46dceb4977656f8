import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { AuthEnv } from '../config/auth.env';
import { UsersService } from './users.service';

/** Creates the demo accounts on start when they are missing (idempotent, safe on concurrent starts). */
@Injectable()
export class DemoAccountsSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly logger: AppLogger,
    private readonly config: ConfigService<AuthEnv, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('SEED_DEMO_ACCOUNTS', { infer: true })) return;
    for (const account of DEMO_ACCOUNTS) {
      if (await this.users.ensureAccount(account)) {
        this.logger.write('info', `Created demo account ${account.email} (${account.label})`, {
          context: 'DemoAccounts',
        });
      }
    }
  }
}
