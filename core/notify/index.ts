/** Notifications core: inbox, subscribe-message formatting, consent quotas, outbox, escalation, planners. */
export * from './fields';
export * from './templates';
export * from './message';
export * from './inbox';
export * from './consent';
export * from './outbox';
export * from './escalation';
export * from './planners';
