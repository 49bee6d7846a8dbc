// The console's front end: React, built by Vite into dist/console-web, which the BFF serves.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // React's automatic JSX runtime through Vite's own transform: no plugin needed for a build without fast refresh.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, '../../../dist/console-web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
