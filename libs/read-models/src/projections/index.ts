import type { SchemeCatalogue } from '@app/domain';
import type { Projection, ReadDocument } from '../projection';
import { applicationsProjection } from './applications.projection';
import { auditsProjection } from './audits.projection';
import {
  certificateChangesProjection,
  certificateStatusRecordsProjection,
  surveillanceRecordsProjection,
} from './certificate-records.projection';
import { certificatesProjection } from './certificates.projection';
import { deadlinesProjection } from './deadlines';
import { registryProjection } from './registry.projection';

export * from './applications.projection';
export * from './audits.projection';
export * from './certificate-records.projection';
export * from './certificates.projection';
export * from './deadlines';
export * from './registry.projection';

/**
 * Every read model the runner keeps up to date, the deadlines with the parameters of the scheme catalogue in use.
 * Typed as the base Projection: a runner treats documents opaquely; readers use the document types exported above.
 */
export const projectionsFor = (schemes: SchemeCatalogue): readonly Projection<ReadDocument>[] => [
  registryProjection,
  certificatesProjection,
  certificateChangesProjection,
  certificateStatusRecordsProjection,
  surveillanceRecordsProjection,
  applicationsProjection,
  auditsProjection,
  deadlinesProjection(schemes) as Projection<ReadDocument>,
];
