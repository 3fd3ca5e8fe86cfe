import type { Role } from '@app/domain';

/** Who may read the back-office files (domain-rules §1): every back-office role and regulators; not ADMIN. */
export const FILE_READERS: Role[] = [
  'INTAKE_OFFICER',
  'PROGRAMME_MANAGER',
  'AUDITOR',
  'TECHNICAL_REVIEWER',
  'DECISION_MAKER',
  'REGISTRY_OFFICER',
  'REGULATOR',
];
