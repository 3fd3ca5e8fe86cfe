export * from './audit-type';
