export * from './common';
export * from './errors';
export * from './events';
export * from './customers';
export * from './patterns';
