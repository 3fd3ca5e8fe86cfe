import type { IndexSpec, ReadDocument } from '@app/read-models';

/** Documents and indexes of the ReadStore contract suite. */
export interface CertificateDoc extends ReadDocument {
  number: string;
  holder: { name: string; address?: string };
  status: string;
  issuedOn: string;
  score?: number | null;
  suspendedUntil?: string | null;
}

export const INDEXES: IndexSpec[] = [
  { fields: ['number'], unique: true },
  { fields: ['holder.name'] },
  { fields: ['status', 'issuedOn'] },
  // Null in some documents and missing in others: every query on them must answer as without an index.
  { fields: ['suspendedUntil'], sparse: true },
  { fields: ['score'], sparse: true },
];

/** Five certificates covering Chinese names, literal wildcard characters, nulls and missing fields. */
export const CERTIFICATES: CertificateDoc[] = [
  {
    id: 'c1',
    number: 'CMM-2025-0001',
    holder: { name: '福州智服科技有限公司', address: '福州' },
    status: 'VALID',
    issuedOn: '2025-01-15',
    score: 91.5,
    suspendedUntil: null,
    _sources: { 'certificate-c1': 0 },
  },
  {
    id: 'c2',
    number: 'CMM-2025-0002',
    holder: { name: 'ACME 100% Service_Co (Fuzhou)' },
    status: 'SUSPENDED',
    issuedOn: '2025-03-01',
    score: 80,
    suspendedUntil: '2025-09-01',
    _sources: { 'certificate-c2': 3 },
  },
  {
    id: 'c3',
    number: 'CMM-2025-0003',
    holder: { name: 'acme servicexco.*+?' },
    status: 'VALID',
    issuedOn: '2025-03-01',
    score: 80,
    _sources: { 'certificate-c3': 1 },
  },
  {
    id: 'c4',
    number: 'CMM-2024-0099',
    holder: { name: '厦门智能服务有限公司' },
    status: 'REVOKED',
    issuedOn: '2024-12-31',
    score: null,
    _sources: { 'certificate-c4': 5 },
  },
  {
    id: 'c5',
    number: 'CMM-2025-0005',
    holder: { name: 'Beta 服务 Ltd' },
    status: 'VALID',
    issuedOn: '2025-06-30',
    _sources: { 'certificate-c5': 0 },
  },
];
