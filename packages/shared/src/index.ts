export * from './roles.js';
export * from './permissions.js';
export * from './year-groups.js';
export * from './upn.js';
export * from './audit.js';
export * from './filter/index.js';
export * from './monitoring/index.js';
export * from './compliance.js';
