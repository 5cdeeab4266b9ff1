// Builds the dashboard client: web/ → dist/web/, assets under /assets/, served by `mercator serve`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // The server fills the page's placeholders; nothing of the client reads process env at build time.
  envPrefix: 'MERCATOR_WEB_',
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `MERCATOR_API=http://127.0.0.1:8610 npx vite --config web/vite.config.ts` views the client against a running server.
    proxy: process.env.MERCATOR_API ? { '/api': process.env.MERCATOR_API } : undefined,
  },
});
