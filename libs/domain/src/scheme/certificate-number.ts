import type { SchemeVersion } from './scheme-definition';

/** Formats a certificate number from the scheme's format (R-CERT-1), e.g. CMM-ICS-2026-00042. */
export const formatCertificateNumber = (scheme: SchemeVersion, year: number, seq: number): string =>
  scheme.certificateNumberFormat
    .replace('{year}', String(year))
    .replace(/\{seq:(\d+)\}/, (_, width: string) => String(seq).padStart(Number(width), '0'));

/** True when `number` could have been produced by the scheme's format. */
export const matchesCertificateNumberFormat = (scheme: SchemeVersion, number: string): boolean => {
  const pattern = scheme.certificateNumberFormat
    .split(/(\{year\}|\{seq:\d+\})/)
    .map((part) => {
      if (part === '{year}') return '\\d{4}';
      const seq = /^\{seq:(\d+)\}$/.exec(part);
      if (seq) return `\\d{${seq[1]},}`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${pattern}$`).test(number);
};
