import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the web app (web/vite.config.ts). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export const isWebAppBuilt = (root: string = DEFAULT_WEB_ROOT): boolean =>
  existsSync(path.join(root, 'index.html'));

/**
 * Serves the built web app from the API's own port: files under `root` as they are (hashed assets
 * cached for a year, index.html never), and index.html for every other non-/api GET so that the
 * browser's routes (/jurisdiction/110107001003 …) survive a reload. /api paths keep the API's JSON 404.
 * Returns false (and serves nothing) when the app has not been built.
 */
export async function registerWebApp(
  app: FastifyInstance,
  root: string = DEFAULT_WEB_ROOT,
): Promise<boolean> {
  if (!isWebAppBuilt(root)) return false;
  const resolvedRoot = path.resolve(root);
  await app.register(fastifyStatic, {
    root: resolvedRoot,
    serve: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const immutable = filePath.startsWith(path.join(resolvedRoot, 'assets') + path.sep);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      return reply.callNotFound();
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
    const file = path.resolve(resolvedRoot, `.${path.posix.normalize(pathname)}`);
    const inside = file.startsWith(resolvedRoot + path.sep);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      return reply.sendFile(path.relative(resolvedRoot, file));
    }
    // A missing file (an old asset, a typo) is a 404, not the app's HTML.
    if (path.posix.basename(pathname).includes('.')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  return true;
}
