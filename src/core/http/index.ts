export * from './client';
export * from './multipart';
