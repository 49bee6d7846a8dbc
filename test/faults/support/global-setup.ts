/**
 * Starts the fault suite's own broker, PostgreSQL cluster and Redis on free ports (never the shared 9092, 5432 and
 * 6379), after clearing what an interrupted earlier run left behind, and exports where they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportLayout, FaultInfrastructure, FaultLayout, freePorts, processAlive, REPO_ROOT } from './fault-infrastructure';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(resolve(REPO_ROOT, 'dist/services/matching/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const dir = process.env.CIVIC_FAULTS_DIR ?? '/tmp/civic-faults-run';
  mkdirSync(dir, { recursive: true });
  // Two runs on one directory would wipe each other's broker and cluster: refuse the second.
  const owner = resolve(dir, 'owner.pid');
  if (existsSync(owner)) {
    const pid = Number(readFileSync(owner, 'utf8'));
    if (pid !== process.pid && processAlive(pid)) throw new Error(`another fault suite run (pid ${pid}) uses ${dir}: wait for it, or set CIVIC_FAULTS_DIR`);
  }
  writeFileSync(owner, String(process.pid));
  const saved = resolve(dir, 'layout.json');
  if (existsSync(saved)) {
    const previous = JSON.parse(readFileSync(saved, 'utf8')) as FaultLayout;
    await new FaultInfrastructure(previous).destroy().catch(() => undefined);
  }
  const kafkaPort = await freePorts(Number(process.env.CIVIC_FAULTS_KAFKA_PORT ?? 25092), 2);
  const layout: FaultLayout = {
    dir,
    kafkaDataDir: process.env.CIVIC_FAULTS_KAFKA_DATA_DIR ?? (process.env.CIVIC_FAULTS_DIR ? `${dir}-kafka` : '/tmp/civic-faults-kafka'),
    kafkaPort,
    kafkaControllerPort: kafkaPort + 1,
    postgresPort: await freePorts(Number(process.env.CIVIC_FAULTS_POSTGRES_PORT ?? 25433), 1),
    redisPort: await freePorts(Number(process.env.CIVIC_FAULTS_REDIS_PORT ?? 26380), 1),
  };
  writeFileSync(saved, JSON.stringify(layout, null, 2));
  const infra = new FaultInfrastructure(layout);
  const started = Date.now();
  await infra.kafka.wipe().catch(() => undefined);
  await infra.ensureUp();
  exportLayout(layout);
  process.stdout.write(
    `\n[faults] own infrastructure up in ${Date.now() - started} ms: kafka ${infra.kafka.brokers}, ${infra.postgres.url}, ${infra.redis.url} (data in ${dir})\n`,
  );
}
