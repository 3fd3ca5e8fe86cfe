export * from './command-metadata';
export * from './applications/application.commands';
export * from './audits/audit.commands';
export * from './certificates/certificate.commands';
