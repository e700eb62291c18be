import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The dashboard: built into dist/web, served by `xinyong serve` at `/` (src/http/routes/web-routes.ts). */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // No module preload polyfill: it would be an inline script, which the page's CSP refuses.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development; the API comes from `xinyong serve`.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
