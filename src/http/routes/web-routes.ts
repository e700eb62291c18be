import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { packageRoot } from '../../app/package-root.js';

export interface WebRoutesOptions {
  /** Where the built dashboard is (default: dist/web under the package root). */
  dir?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// Built file names only: letters, digits, dot, dash, underscore; never a separator or "..".
const ASSET = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

// The page talks to its own origin only: no CDN, no fonts, no inline script.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

/**
 * The web dashboard's built files (Vite puts them in dist/web): `/` is index.html, revalidated on
 * every load; `/assets/*` are content-hashed, so cached for a year. Nothing outside the folder is
 * served, and the page uses the public API with the key it is given, like any other client.
 */
export function webRoutes(options: WebRoutesOptions = {}): FastifyPluginAsync {
  const root = resolve(options.dir ?? join(packageRoot(), 'dist', 'web'));
  const send = async (reply: FastifyReply, file: string, cache: string) => {
    const path = resolve(root, file);
    if (!path.startsWith(root + sep)) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      if (file === 'index.html') {
        return reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run "npm run build" (it writes dist/web).');
      }
      return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    }
    return reply
      .type(TYPES[extname(path)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .send(await readFile(path));
  };
  return async (app) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => send(reply, 'index.html', 'no-cache'));
    app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) => send(reply, 'favicon.svg', 'public, max-age=86400'));
    app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
      const { file } = request.params as { file: string };
      if (!ASSET.test(file) || file.includes('..')) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
      return send(reply, join('assets', file), 'public, max-age=31536000, immutable');
    });
  };
}
