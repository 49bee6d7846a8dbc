import { Writer } from './workload';

// Fault tests break and restart real servers and wait for pipelines to drain: minutes, not seconds.
jest.setTimeout(600_000);

// A test that failed half-way must not leave its writers hammering stopped services (and Jest unable to exit).
afterEach(() => Writer.haltAll());
