import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Counts and times every answered request by its route template (never by raw URL: ids would explode the label
 * set) — a Fastify `onResponse` hook, so 404s and requests refused before a handler are counted too.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched' };
      this.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
      this.metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
      done();
    });
  }
}
