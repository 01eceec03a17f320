export * from './types';
export * from './labels';
export * from './scopes';
export * from './flows';
export * from './input';
export * from './errors';
export * from './modes';
export * from './cell';
