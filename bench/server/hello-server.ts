/**
 * The framework ceiling of the HTTP case: a bare Nest application on Express (the platform the API uses) with one
 * GET route answering `hello` — no guard, validation, logging or store. Same IPC protocol as api-server.ts.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class HelloController {
  @Get('hello')
  hello(): string {
    return 'hello';
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(HelloModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    void app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.send?.({ type: 'ready', port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
