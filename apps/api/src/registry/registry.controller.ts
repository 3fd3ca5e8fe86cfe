import { Controller, Get, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@app/auth';
import { CLOCK, type Clock } from '@app/certification';
import { dateOf } from '@app/domain';
import {
  READ_STORE,
  toPublicRegistryEntry,
  type Query as ReadQuery,
  type ReadStore,
  type RegistryDocument,
} from '@app/read-models';
import { pageOf } from '../read-side/list-query.dto';
import { RegistryEntryDto, RegistryPageDto } from './registry-entry';
import { RegistryRateLimitGuard } from './registry-rate-limit.guard';
import { RegistrySearchDto } from './registry-search.dto';

/**
 * The public registry (§8.4): anyone can check a certificate; nothing personal or internal is shown (R-REG-2).
 * Rate-limited per client IP (REGISTRY_RATE_LIMIT per minute).
 */
@Public()
@UseGuards(RegistryRateLimitGuard)
@ApiTags('registry')
@ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS: over REGISTRY_RATE_LIMIT; see Retry-After' })
@Controller('api/v1/registry/certificates')
export class RegistryController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search by exact certificate number or holder-name substring (R-REG-1)' })
  @ApiOkResponse({ type: RegistryPageDto })
  async search(@Query() query: RegistrySearchDto): Promise<RegistryPageDto> {
    const readQuery: ReadQuery = {
      where: query.status ? { status: { eq: query.status } } : undefined,
      anyOf: query.q
        ? [{ number: { eq: query.q.trim() } }, { holderName: { contains: query.q.trim() } }]
        : undefined,
      // By number: a registry document's id is its certificate number, and the id is read without the document.
      sort: [{ field: 'id', direction: query.order ?? 'asc' }],
      ...pageOf(query),
    };
    const page = await this.readStore.find<RegistryDocument>('registry', readQuery);
    const today = this.today();
    return { ...page, items: page.items.map((doc) => toPublicRegistryEntry(doc, today)) };
  }

  @Get(':number')
  @ApiOperation({ summary: 'One certificate with its status and change history; unknown → 404 (R-REG-3)' })
  @ApiOkResponse({ type: RegistryEntryDto })
  @ApiNotFoundResponse({
    description: 'NOT_FOUND: no certificate with this number — never an inferred status',
  })
  async get(@Param('number') number: string): Promise<RegistryEntryDto> {
    const doc = await this.readStore.get<RegistryDocument>('registry', number);
    if (!doc)
      throw new NotFoundException({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: `no certificate ${number}`,
      });
    return toPublicRegistryEntry(doc, this.today());
  }

  private today(): string {
    return dateOf(this.clock.now().toISOString());
  }
}
