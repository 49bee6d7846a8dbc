export * from './infrastructure';
export * from './run-id';
export * from './wait-for';
export * from './service-process';
export * from './service-stack';
export * from './http';
export * from './auth';
export * from './release-round';
