export * from './cadence';
export * from './time';
