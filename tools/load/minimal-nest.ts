/**
 * The yardstick for the HTTP reads of `npm run load`: a NestJS application with one route and nothing else (no
 * token, no validation, no database), on the same Express adapter as the services. Started as its own process:
 *
 *   node -r ./tools/register-paths.js dist/tools/load/minimal-nest.js PORT
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class PingController {
  @Get('ping')
  ping(): { ok: true; at: string } {
    return { ok: true, at: new Date().toISOString() };
  }
}

@Module({ controllers: [PingController] })
class MinimalModule {}

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 0);
  const app = await NestFactory.create(MinimalModule, { logger: false });
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
