export * from './lease-holder';
