import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { authorize } from '../auth/authorize.ts';
import { AppError, notFound } from '../errors.ts';
import { ACCEPTED_TYPES } from './file-types.ts';
import { filePolicy } from './policy.ts';
import { assertCanReadFile, type RecordPathsLookups } from './read-access.ts';
import { filesRoot, openBlob } from './storage.ts';
import { getFile } from './store.ts';
import { fileMaxBytes, tooLarge, uploadFile } from './upload-file.ts';

const FileView = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** Raw bodies this plugin reads: the declared type is only a hint, the bytes decide. */
const RAW_TYPES = ['application/octet-stream', ...Object.keys(ACCEPTED_TYPES)];

/**
 * Attachments: `POST /api/files` takes the raw bytes (Content-Type image/* , application/pdf or
 * application/octet-stream; the name in `X-File-Name`, URL-encoded), `GET /api/files/:id` serves
 * them to whoever may see a record they are attached to (or their uploader). `recordPaths` lets a
 * capability say where its records are now (a grid event's handler), so access follows the record.
 */
export const fileRoutes =
  (ctx: AppContext, options: { recordPaths?: RecordPathsLookups } = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const max = fileMaxBytes(ctx.config);
    // Streamed so an oversized upload is refused with FILE_TOO_LARGE as soon as it passes the limit.
    app.addContentTypeParser(RAW_TYPES, (request, payload, done) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > max) return done(tooLarge(max), undefined);
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      payload.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > max) {
          failed = true;
          done(tooLarge(max), undefined);
          return;
        }
        chunks.push(chunk);
      });
      payload.on('end', () => {
        if (!failed) done(null, Buffer.concat(chunks));
      });
      payload.on('error', (err) => {
        if (!failed) done(err, undefined);
      });
    });

    app.post(
      '/api/files',
      {
        schema: {
          tags: ['files'],
          description: `上传附件（照片、PDF）：请求体为文件原始字节，X-File-Name 为 URL 编码的文件名；单个不超过 ${Math.floor(max / 1024 / 1024)} MB`,
          headers: z.object({ 'x-file-name': z.string().max(500).optional() }),
          response: { 201: FileView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, filePolicy.upload);
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError(
            'UNSUPPORTED_FILE_TYPE',
            '请以文件原始字节上传（Content-Type: image/jpeg 等或 application/octet-stream） (send raw bytes)',
          );
        }
        const saved = await uploadFile({
          db: ctx.database.db,
          config: ctx.config,
          principal: p,
          bytes: request.body,
          name: request.headers['x-file-name'],
          requestId: request.id,
        });
        return reply.status(201).send(saved);
      },
    );

    app.get(
      '/api/files/:id',
      {
        schema: {
          tags: ['files'],
          description: '下载附件（需有权查看其所属记录）',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const file = await getFile(ctx.database.db, request.params.id);
        if (!file || file.districtCode !== p.districtCode) throw notFound('附件', request.params.id);
        await assertCanReadFile(ctx.database.db, p, file, options.recordPaths);
        const stream = openBlob(filesRoot(ctx.config), file.sha256);
        if (!stream)
          throw new AppError('NOT_FOUND', `附件内容缺失：${file.name} (blob missing)`, { id: file.id });
        const disposition = file.mime.startsWith('image/') ? 'inline' : 'attachment';
        return reply
          .header('content-type', file.mime)
          .header('content-length', String(file.size))
          .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'")
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
  };
