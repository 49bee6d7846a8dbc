export * from './matching/matching-instance.v1';
