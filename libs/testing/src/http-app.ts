import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModule } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';

/** A test app of the module on the API's HTTP platform (Fastify), not yet initialised. */
export const createTestApp = (
  moduleRef: TestingModule,
  options?: NestApplicationOptions,
): NestFastifyApplication =>
  moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), options);

/** `init()` and Fastify's `ready()`: then supertest can send requests to `app.getHttpServer()`. */
export const initTestApp = async <A extends INestApplication>(app: A): Promise<A> => {
  await app.init();
  await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  return app;
};
