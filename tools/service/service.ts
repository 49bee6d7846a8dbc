/**
 * `npm run service -- <name>`: starts one service in this process with the local stack's settings (see
 * local-settings.ts: the same ports, database and namespaces `npm start` gives it), as an operator restarting a crashed
 * service would. Variables already set (PORT, DATABASE_URL, ...) win over the local ones. Creates the service's
 * database when it is missing, never drops one, and starts no infrastructure: the service answers HTTP as soon as its
 * database does, and its consumer joins Kafka whenever the broker is there. Probes: /health/live, /health/ready, /health.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@civic/testing';
import { localServiceEnv, localSettings, serviceNamed } from './local-settings';
import { createOwnDatabase } from './own-databases';

export const SERVICE_USAGE =
  'usage: npm run service -- project-registry|expert-pool|matching|reporting\n' +
  '  starts one service with the local settings: CIVIC_PORT_BASE (3000: ports 3001-3004), CIVIC_DATABASE_PREFIX (civic_),\n' +
  '  CIVIC_POSTGRES_URL, REDIS_URL, REDIS_NAMESPACE (civic), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX; any service setting\n' +
  '  (PORT, DATABASE_URL, LOG_LEVEL, ...) set in the environment wins.';

/** Fills `env` with the service's local settings (keeping what is set) and returns the service's main module. */
export async function prepareService(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<{ main: string; summary: string } | { exit: number; message: string }> {
  if (argv.includes('--help') || argv.includes('-h')) return { exit: 0, message: SERVICE_USAGE };
  if (argv.length !== 1) return { exit: 2, message: `service: name exactly one service\n${SERVICE_USAGE}` };
  const name = serviceNamed(argv[0]);
  if (typeof name !== 'string') return { exit: 2, message: `service: ${name.error}\n${SERVICE_USAGE}` };
  let local: Record<string, string>;
  try {
    local = localServiceEnv(localSettings(env), name);
  } catch (e) {
    return { exit: 78, message: `service: ${(e as Error).message}` };
  }
  for (const [key, value] of Object.entries(local)) if (!env[key]) env[key] = value;
  const main = resolve(REPO_ROOT, 'dist/services', name, 'src/main.js');
  if (!existsSync(main)) return { exit: 1, message: `service: ${main} is missing: run \`npm run build\`` };
  await createOwnDatabase(env.DATABASE_URL!);
  const database = new URL(env.DATABASE_URL!).pathname.slice(1);
  return {
    main,
    summary: `${name}: port ${env.PORT}, database ${database}, Redis namespace ${env.REDIS_NAMESPACE}, Kafka ${env.KAFKA_BROKERS}${env.KAFKA_TOPIC_PREFIX ? ` (topics ${env.KAFKA_TOPIC_PREFIX}*)` : ''}; probes /health/live, /health/ready, /health`,
  };
}

if (require.main === module) {
  void prepareService(process.argv.slice(2), process.env).then(
    (prepared) => {
      if ('exit' in prepared) {
        (prepared.exit === 0 ? process.stdout : process.stderr).write(prepared.message + '\n');
        process.exit(prepared.exit);
      }
      process.stderr.write(`[service] ${prepared.summary}\n`);
      // The service runs in this process: signals reach it directly, and it exits as it would on its own. A dynamic
      // import would be the ESM way, but the compiled tree is CommonJS and `main` is a path known only now.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(prepared.main);
    },
    (e: Error) => {
      process.stderr.write(`service: ${e.message}\n`);
      process.exit(1);
    },
  );
}
