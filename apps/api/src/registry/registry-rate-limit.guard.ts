import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Environment } from '@app/config';
import { clientKey, rateLimitHeaders, RateLimiter, tooManyRequests } from '../platform/rate-limit';

/**
 * The public registry is anonymous, so the only brake on scraping or hammering it is the client's address:
 * REGISTRY_RATE_LIMIT requests per minute per IP (IPv6 per /64), then 429 with Retry-After. The IP is the socket's
 * unless TRUST_PROXY names the proxies whose X-Forwarded-For may be believed.
 */
@Injectable()
export class RegistryRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(config: ConfigService<Environment, true>) {
    this.limiter = new RateLimiter({
      limit: config.get('REGISTRY_RATE_LIMIT', { infer: true }),
      windowMs: 60_000,
    });
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const decision = this.limiter.take(clientKey(http.getRequest<FastifyRequest>().ip));
    http.getResponse<FastifyReply>().headers(rateLimitHeaders(decision));
    if (!decision.allowed) throw tooManyRequests(decision);
    return true;
  }
}
