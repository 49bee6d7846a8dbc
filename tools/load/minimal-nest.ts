/**
 * The yardsticks for the HTTP reads of `npm run load`: a NestJS application with nothing else (no token, no
 * validation, no database, no logging), on the same Express adapter as the services. Started as its own process:
 *
 *   node -r ./tools/register-paths.js dist/tools/load/minimal-nest.js PORT [BODIES_DIR]
 *
 * `GET /ping` answers 43 bytes. `GET /static/NAME` answers the bytes of BODIES_DIR/NAME.json as they are (read once at
 * start), or of NAME.json.gz with `Content-Encoding: gzip` when the request accepts gzip and that file exists: the
 * same bytes a service sends, without any of the service's work, so that a large answer can be set against the cost
 * of its bytes alone. Its ETag is made once at start, as a static file server's is, rather than hashed per answer.
 */
import 'reflect-metadata';
import { Controller, Get, Module, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface StaticBody {
  plain: Buffer;
  gzip?: Buffer;
  etag: string;
}

const bodies = new Map<string, StaticBody>();

@Controller()
class PingController {
  @Get('ping')
  ping(): { ok: true; at: string } {
    return { ok: true, at: new Date().toISOString() };
  }

  @Get('static/:name')
  body(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    const body = bodies.get(name);
    if (!body) throw new NotFoundException();
    res.type('application/json; charset=utf-8');
    res.vary('Accept-Encoding');
    if (body.gzip && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.setHeader('ETag', `${body.etag.slice(0, -1)}-gzip"`);
      res.setHeader('Content-Encoding', 'gzip');
      res.send(body.gzip);
      return;
    }
    res.setHeader('ETag', body.etag);
    res.send(body.plain);
  }
}

@Module({ controllers: [PingController] })
class MinimalModule {}

function loadBodies(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const plain = readFileSync(join(dir, file));
    const gz = join(dir, `${file}.gz`);
    bodies.set(file.slice(0, -'.json'.length), {
      plain,
      gzip: existsSync(gz) ? readFileSync(gz) : undefined,
      etag: `"${createHash('sha1').update(plain).digest('base64url')}"`,
    });
  }
}

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 0);
  if (process.argv[3]) loadBodies(process.argv[3]);
  const app = await NestFactory.create(MinimalModule, { logger: false });
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
