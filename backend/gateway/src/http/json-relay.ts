import { Header, Injectable, applyDecorators } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RpcMethod } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { GatewayEnv } from '../config/gateway.env';

/** The JSON content type of a route answered by `JsonRelay` (the response schema is declared for Swagger). */
export function RelaysJson(): MethodDecorator {
  return applyDecorators(Header('Content-Type', 'application/json; charset=utf-8'));
}

/**
 * Answers a route with a service's reply as the service sent it. The catalogue, the cart and instance info
 * are the busiest routes and their answer is the service's answer unchanged, so the gateway hands the JSON
 * bytes on instead of parsing and re-serializing them. GATEWAY_RELAY_RAW_JSON=false answers the plain way
 * (parsed, then serialized by Fastify), the switch for an A/B measurement.
 */
@Injectable()
export class JsonRelay {
  private readonly raw: boolean;

  constructor(
    private readonly rpc: RpcClient,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.raw = config.get('GATEWAY_RELAY_RAW_JSON', { infer: true });
  }

  async answer<Req, Res>(
    method: RpcMethod<Req, Res>,
    request: Req,
    ctx: RequestContext,
  ): Promise<Res | Buffer> {
    if (!this.raw) return this.rpc.call(method, request, ctx);
    const bytes = await this.rpc.callRaw(method, request, ctx);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
