/** Stops the fault suite's broker, PostgreSQL and Redis and deletes their data (CIVIC_FAULTS_KEEP=1 keeps it). */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { FaultInfrastructure, FaultLayout } from './fault-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.CIVIC_FAULTS_DIR ?? '/tmp/civic-faults-run';
  const saved = resolve(dir, 'layout.json');
  if (!existsSync(saved)) return;
  const layout = JSON.parse(readFileSync(saved, 'utf8')) as FaultLayout;
  await new FaultInfrastructure(layout).destroy();
  if (process.env.CIVIC_FAULTS_KEEP !== '1') rmSync(saved, { force: true });
  rmSync(resolve(dir, 'owner.pid'), { force: true });
}
