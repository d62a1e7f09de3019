export * from './month';
export * from './scheme';
export * from './facts';
export * from './score';
export * from './rollup';
export * from './circular';
export { DEFAULT_SCHEME_DATA, defaultScheme } from './default-scheme';
