/**
 * Baseline: the bare Fastify relay (fastify-nats-relay.ts) as a Nest application with one controller on
 * Nest's Fastify adapter: no global pipes, guards, filters or hooks. Beside the Fastify relay and the
 * gateway it shows what Nest's own request pipeline costs, apart from the gateway's features.
 * Prints `listening <port>` once ready.
 */
import 'reflect-metadata';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectNats } from '../../../libs/messaging/src/nats-connection';
// The module itself, not @shop/messaging's index, as in the Fastify relay.
import { ReplyInbox } from '../../../libs/messaging/src/rpc/reply-inbox';

const SUBJECT = process.env.SUBJECT ?? 'bench.raw';
const EMPTY = new Uint8Array(0);

@Controller()
class RelayController {
  constructor(private readonly inbox: ReplyInbox) {}

  @Get('info')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async info(): Promise<Buffer> {
    const msg = await this.inbox.request(SUBJECT, EMPTY, undefined, 5000);
    return Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  }
}

async function main(): Promise<void> {
  const nc = await connectNats({ servers: process.env.NATS_URL, name: 'bench-nest-relay' });
  @Module({
    controllers: [RelayController],
    providers: [{ provide: ReplyInbox, useValue: new ReplyInbox(nc) }],
  })
  class RelayModule {}
  const app = await NestFactory.create<NestFastifyApplication>(RelayModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number } | null;
  console.log(`listening ${address?.port ?? ''}`);
  process.on('SIGTERM', () => void app.close().finally(() => void nc.close().finally(() => process.exit(0))));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
