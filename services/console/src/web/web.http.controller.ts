import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { CONSOLE_CONFIG } from '../config/console.tokens';
import type { ConsoleConfig } from '../config/console.config';

/** The front end's pages: every path that is not an asset, the API or sign-in gets index.html (the app routes itself). */
@Controller()
export class WebHttpController {
  private index?: string;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get(['/', '*path'])
  page(@Req() req: Request, @Res() res: Response): void {
    if (req.path.startsWith('/api/') || req.path.startsWith('/auth/') || req.path.startsWith('/assets/')) throw new NotFoundException();
    const file = join(this.config.webDir, 'index.html');
    if (!this.index) {
      if (!existsSync(file)) {
        res.status(503).type('text').send(`the front end is not built: ${file} is missing (npm run build)`);
        return;
      }
      this.index = readFileSync(file, 'utf8');
    }
    res.status(200).set('cache-control', 'no-cache').type('html').send(this.index);
  }
}
