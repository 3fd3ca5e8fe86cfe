export * from './scheme-definition';
export * from './evaluation-scheme';
export * from './cmm-525-0002.v1.evaluation';
export * from './scheme-catalogue';
export * from './validate-scheme';
export * from './certificate-number';
export * from './cmm-525-0002.v1';
export * from './validate-evaluation-scheme';
