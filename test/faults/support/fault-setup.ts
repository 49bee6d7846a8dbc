// Fault tests break and restart real servers and wait for pipelines to drain: minutes, not seconds.
jest.setTimeout(600_000);
