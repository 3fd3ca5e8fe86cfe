export * from './certificate.constants';
export * from './certificate.commands';
export * from './certificate.events';
export * from './certificate.state';
export * from './certificate.decider';
export * from './recertification';
export * from './surveillance-schedule';
