/** Linkage directives (第三十四条): rules, targets, notices and views, free of the platform. */
export * from './errors';
export * from './directive';
export * from './issue';
export * from './targets';
export * from './notices';
export * from './views';
