import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ErrorCode, LogPage, LogQuery } from '@shop/contracts';
import { AppError } from '@shop/common';
import { levelsFrom, toLogEntry } from './log-rows';
import { SEARCH_CONFIG } from './service-log-sql';
import { ServiceLogEntity } from './service-log.entity';

export const DEFAULT_LOG_PAGE = 200;
export const MAX_LOG_PAGE = 1000;

/** `before` cursors are entry ids, `<seq>-<index>`. */
const CURSOR = /^(\d{1,15})-(\d{1,6})$/;

/**
 * Searches `service_logs`: every given filter must match; newest first (by time, then stream order), paged
 * with the id of the last entry of the previous page. Each filter has its index (time, service, level,
 * correlation id, and the GIN index of the full-text document for `q`).
 */
@Injectable()
export class LogSearch {
  constructor(@InjectRepository(ServiceLogEntity) private readonly logs: Repository<ServiceLogEntity>) {}

  async search(query: LogQuery): Promise<LogPage> {
    const limit = query.limit ?? DEFAULT_LOG_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_PAGE)
      throw new AppError(ErrorCode.BadRequest, `limit must be an integer from 1 to ${MAX_LOG_PAGE}`);
    const from = parseTime(query.from, 'from');
    const to = parseTime(query.to, 'to');
    const qb = this.logs.createQueryBuilder('l');
    if (query.service) qb.andWhere('l.service = :service', { service: query.service });
    if (query.instanceId) qb.andWhere('l.instance_id = :instanceId', { instanceId: query.instanceId });
    if (query.level) qb.andWhere('l.level IN (:...levels)', { levels: levelsFrom(query.level) });
    if (query.correlationId)
      qb.andWhere('l.correlation_id = :correlationId', { correlationId: query.correlationId });
    if (from) qb.andWhere('l.time >= :from', { from });
    if (to) qb.andWhere('l.time < :to', { to });
    if (query.q?.trim())
      qb.andWhere(`l.search @@ websearch_to_tsquery('${SEARCH_CONFIG}', :q)`, { q: query.q.trim() });
    if (query.before) {
      const cursor = CURSOR.exec(query.before);
      if (!cursor)
        throw new AppError(
          ErrorCode.BadRequest,
          'before must be an entry id like 1042-3 (a previous nextBefore)',
        );
      // Rows strictly after the cursor's row in the page order (time, stream sequence, index: all descending).
      const row = qb
        .subQuery()
        .select('c.time, c.stream_seq, c.idx')
        .from(ServiceLogEntity, 'c')
        .where('c.stream_seq = :cursorSeq AND c.idx = :cursorIdx')
        .getQuery();
      qb.andWhere(`(l.time, l.stream_seq, l.idx) < ${row}`, {
        cursorSeq: cursor[1],
        cursorIdx: Number(cursor[2]),
      });
    }
    const rows = await qb
      .orderBy('l.time', 'DESC')
      .addOrderBy('l.stream_seq', 'DESC')
      .addOrderBy('l.idx', 'DESC')
      .limit(limit + 1)
      .getMany();
    const span = await this.logs
      .createQueryBuilder('l')
      .select('min(l.stream_seq)', 'first')
      .addSelect('max(l.stream_seq)', 'last')
      .getRawOne<{ first: string | null; last: string | null }>();
    const entries = rows.slice(0, limit).map(toLogEntry);
    return {
      entries,
      ...(rows.length > limit ? { nextBefore: entries[limit - 1].id } : {}),
      firstSeq: Number(span?.first ?? 0),
      lastSeq: Number(span?.last ?? 0),
    };
  }
}

function parseTime(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw new AppError(ErrorCode.BadRequest, `${name} must be an ISO date-time such as 2026-01-01T12:00:00Z`);
  return time;
}
