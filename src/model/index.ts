export * from './status.js';
export * from './stage.js';
export * from './file-status.js';
export * from './job.js';
export * from './scenario.js';
export * from './progression.js';
export * from './file-name.js';
export * from './pagination.js';
