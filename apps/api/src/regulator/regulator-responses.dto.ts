import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RegistryEntryDto } from '../registry/registry-entry';

/** Response documentation only: the handlers return the regulator service's values, these describe them in /docs. */
export class ActorDto {
  @ApiProperty({ example: '6b1f0c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'DECISION_MAKER' }) role!: string;
}

export class SigningKeyDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'sha256 of the SPKI DER encoding of the public key, hex' }) keyId!: string;
  @ApiProperty({ description: 'The public key, SPKI PEM' }) publicKeyPem!: string;
}

export class FileStreamDto {
  @ApiProperty({ example: 'certificate-CMM-ICS-2026-00001' }) streamId!: string;
  @ApiProperty({ enum: ['certificate', 'application', 'audit'] }) kind!: string;
  @ApiProperty({ description: 'Events in the stream' }) events!: number;
}

export class HistoryEntryDto {
  @ApiProperty({
    description: 'Global log position commit/prepare: the order of the history',
    example: '42/42',
  })
  position!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ enum: ['certificate', 'application', 'audit'] }) streamKind!: string;
  @ApiProperty() streamRevision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'CertificateSuspended' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ format: 'date-time', description: 'When the command was handled' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the store committed the event' })
  recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String, example: 'MAJOR_CHANGE_NOT_REPORTED' }) reasonCode!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: ActorDto }) approver!: ActorDto | null;
  @ApiProperty({ nullable: true, type: String, example: 'CMM-525-0002@V1.0' }) schemeVersion!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String }) causationId!: string | null;
  @ApiProperty({ description: 'The event’s hash-chain link' }) hash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

class HistoryFilterDto {
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({ nullable: true, type: [String] }) types!: string[] | null;
}

export class HistoryPageDto {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ type: [FileStreamDto] }) streams!: FileStreamDto[];
  @ApiProperty({ type: HistoryFilterDto }) filter!: HistoryFilterDto;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Entries matching the filter, over all pages' }) total!: number;
  @ApiProperty({ type: [HistoryEntryDto] }) items!: HistoryEntryDto[];
}

class AsOfDto {
  @ApiProperty() events!: number;
  @ApiProperty({ nullable: true, type: String }) lastPosition!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastOccurredAt!: string | null;
}

class CertificateAtDto {
  @ApiProperty({ nullable: true, type: Number }) revision!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The certificate folded by the domain’s evolve; status NONE before it was issued',
  })
  state!: Record<string, unknown>;
}

class ApplicationAtDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'INITIAL' }) kind!: string;
  @ApiProperty({ example: 'ACCEPTED' }) status!: string;
}

class OpenAuditDto {
  @ApiProperty({ format: 'uuid' }) auditId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'SURVEILLANCE' }) type!: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) subject!: Record<string, unknown>;
  @ApiProperty() schemeVersion!: string;
  @ApiProperty({ format: 'date' }) plannedStartDate!: string;
  @ApiProperty({ format: 'date' }) plannedEndDate!: string;
  @ApiProperty({ nullable: true, type: ActorDto }) leadAuditor!: ActorDto | null;
}

class OpenNonconformityDto {
  @ApiProperty({ format: 'uuid' }) auditId!: string;
  @ApiProperty() nonconformityId!: string;
  @ApiProperty({ enum: ['MAJOR', 'MINOR'] }) grade!: string;
  @ApiProperty() clause!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ example: 'RESPONDED' }) status!: string;
}

export class PointInTimeStateDto {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AsOfDto }) asOf!: AsOfDto;
  @ApiProperty({ type: CertificateAtDto }) certificate!: CertificateAtDto;
  @ApiProperty({
    nullable: true,
    type: RegistryEntryDto,
    description: 'What the public registry showed; null: it answered "not found"',
  })
  registryEntry!: RegistryEntryDto | null;
  @ApiProperty({ type: [ApplicationAtDto] }) applications!: ApplicationAtDto[];
  @ApiProperty({ type: [OpenAuditDto] }) openAudits!: OpenAuditDto[];
  @ApiProperty({ type: [OpenNonconformityDto] }) openNonconformities!: OpenNonconformityDto[];
}

export class TimelineEventDto {
  @ApiProperty({ example: 'CertificateSuspended' }) eventType!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() streamRevision!: number;
  @ApiProperty() position!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ nullable: true, type: String }) reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: ActorDto }) approver!: ActorDto | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
}

export class StatusIntervalDto {
  @ApiProperty({ enum: ['VALID', 'SUSPENDED', 'REVOKED', 'CANCELLED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date' }) fromDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) to!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) toDate!: string | null;
  @ApiProperty({ type: TimelineEventDto }) start!: TimelineEventDto;
  @ApiProperty({ nullable: true, type: TimelineEventDto }) end!: TimelineEventDto | null;
  @ApiProperty({ type: [TimelineEventDto] }) events!: TimelineEventDto[];
}

export class TimelineDto {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ enum: ['NONE', 'VALID', 'SUSPENDED', 'REVOKED', 'CANCELLED'] }) status!: string;
  @ApiProperty({ type: [StatusIntervalDto] }) intervals!: StatusIntervalDto[];
}

class BrokenLinkDto {
  @ApiProperty() revision!: number;
  @ApiProperty({
    enum: [
      'HASH_MISMATCH',
      'PREV_HASH_MISMATCH',
      'REVISION_GAP',
      'OUT_OF_ORDER',
      'STREAM_MISMATCH',
      'UNREADABLE',
    ],
  })
  reason!: string;
  @ApiPropertyOptional() expected?: string;
  @ApiPropertyOptional() actual?: string;
}

export class StreamCheckDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() events!: number;
  @ApiProperty({ nullable: true, type: Number }) headRevision!: number | null;
  @ApiProperty({ nullable: true, type: String }) headHash!: string | null;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ nullable: true, type: BrokenLinkDto }) firstBrokenLink!: BrokenLinkDto | null;
}

export class VerificationReportDto {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ format: 'date-time' }) verifiedAt!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [StreamCheckDto] }) streams!: StreamCheckDto[];
}

export class VerifiedReplayDto {
  @ApiProperty({
    type: VerificationReportDto,
    description: 'Every chain of the file, recomputed over the stored events the state was folded from',
  })
  verification!: VerificationReportDto;
  @ApiProperty({
    type: PointInTimeStateDto,
    nullable: true,
    description: 'The file at `at`; null when a stored event no longer decodes (the verification locates it)',
  })
  state!: PointInTimeStateDto | null;
}

class ManifestStreamDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() events!: number;
  @ApiProperty() headRevision!: number;
  @ApiProperty() headHash!: string;
}

class ExportManifestDto {
  @ApiProperty({ example: 'certification-regulator-export' }) format!: string;
  @ApiProperty({ example: 1 }) formatVersion!: number;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: ActorDto }) exportedBy!: ActorDto;
  @ApiProperty({ type: [ManifestStreamDto] }) streams!: ManifestStreamDto[];
  @ApiProperty({ type: [String] }) schemeVersions!: string[];
  @ApiProperty() eventCount!: number;
  @ApiProperty() eventsSha256!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() publicKeyPem!: string;
}

export class ExportBundleDto {
  @ApiProperty({ type: ExportManifestDto }) manifest!: ExportManifestDto;
  @ApiProperty({ description: 'The stored events, one canonical JSON object per line, in log order' })
  events!: string;
  @ApiProperty({ description: 'Ed25519 signature of the canonical JSON of the manifest, base64' })
  signature!: string;
}
