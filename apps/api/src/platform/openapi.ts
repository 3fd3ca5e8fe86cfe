import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_TITLE = 'Certification lifecycle API';

/** The OpenAPI document of the routes the app has; the same one is served at /docs-json and committed. */
export const createOpenApiDocument = (app: INestApplication): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(OPENAPI_TITLE)
      .setDescription('Back office of the CMM-525-0002 (GB/T 43045.1-2023) certification lifecycle')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
};

/**
 * Keys sorted at every level (arrays keep their order: it is meaningful), 2-space indent, trailing newline: the
 * committed file then only changes when the API does, and diffs stay readable.
 */
export const stableJson = (value: unknown): string => `${JSON.stringify(sortKeys(value), null, 2)}\n`;
