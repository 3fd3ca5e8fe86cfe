/**
 * The framework ceiling of the HTTP case: a bare Nest application on Fastify (the platform the API uses) with one
 * GET route answering `hello` — no guard, validation, logging or store. Same IPC protocol as api-server.ts.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { runServer, serveToBench } from './serve';

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
  const app = await NestFactory.create(HelloModule, new FastifyAdapter(), { logger: false });
  await serveToBench(app);
}

runServer(main);
