// End-to-end suites start real processes and wait on a real broker: minutes, not Jest's default five seconds.
jest.setTimeout(180_000);
