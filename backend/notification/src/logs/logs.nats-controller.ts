import { Injectable } from '@nestjs/common';
import { LogPage, LogQuery, NotificationRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { LogSearch } from './log-search';

/** The NATS face of the log store. */
@Injectable()
export class LogsNatsController {
  constructor(private readonly search: LogSearch) {}

  @RpcHandler(NotificationRpc.searchLogs)
  searchLogs(req: LogQuery, _ctx: RequestContext): Promise<LogPage> {
    return this.search.search(req);
  }
}
