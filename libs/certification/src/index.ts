export * from './command-metadata';
export * from './clock';
export * from './schemes';
export * from './certification.module';
export * from './applications/application.commands';
export * from './audits/audit.commands';
export * from './certificates/certificate.commands';
