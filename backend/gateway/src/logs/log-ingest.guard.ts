import { ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@shop/common';
import { JwtAuthGuard } from '../auth/auth.guards';
import { GatewayEnv } from '../config/gateway.env';

/** Header that carries the ingest token of `POST /api/logs`. */
export const LOG_INGEST_TOKEN_HEADER = 'x-log-ingest-token';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may write to the centralized log: a client with the configured ingest token (LOG_INGEST_TOKEN, in
 * the X-Log-Ingest-Token header), or an administrator's access token. A wrong ingest token is a 401; a
 * valid access token of another role a 403.
 */
@Injectable()
export class LogIngestGuard extends JwtAuthGuard {
  private readonly tokenDigest?: Buffer;

  constructor(config: ConfigService<GatewayEnv, true>) {
    super();
    const token = config.get('LOG_INGEST_TOKEN', { infer: true });
    this.tokenDigest = token ? digest(token) : undefined;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = req.headers[LOG_INGEST_TOKEN_HEADER];
    if (presented !== undefined) {
      // Digests of equal length, so the comparison takes the same time whatever was sent.
      if (
        this.tokenDigest &&
        typeof presented === 'string' &&
        timingSafeEqual(digest(presented), this.tokenDigest)
      )
        return true;
      throw AppError.unauthorized('The log ingest token is not valid');
    }
    await super.canActivate(context);
    if (req.user?.role !== 'admin')
      throw AppError.forbidden('Writing to the log requires the admin role or the log ingest token');
    return true;
  }
}
