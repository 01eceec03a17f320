export * from './errors';
export * from './request';
export * from './flows';
export * from './projects';
export * from './cell';
export * from './transfer';
export * from './secrets';
export * from './profiles';
