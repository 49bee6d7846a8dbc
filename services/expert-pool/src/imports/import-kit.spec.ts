import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The import kit lives in both registries until it moves to a shared lib; this keeps the two copies from drifting.
const KIT = ['csv.ts', 'import-payload.ts', 'import-job.entity.ts', 'import-job.runner.ts', 'import-job.view.ts', 'validate-row.ts'];

describe('import kit', () => {
  it.each(KIT)('expert-pool/src/imports/%s is identical to the project-registry copy', (file) => {
    const here = readFileSync(resolve(__dirname, file), 'utf8');
    const there = readFileSync(resolve(__dirname, '../../../project-registry/src/imports', file), 'utf8');
    expect(here).toBe(there);
  });
});
