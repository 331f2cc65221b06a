import { appendAudit } from '../audit/append-audit.ts';
import type { Principal } from '../auth/authorize.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { type AttachmentRef, toAttachmentRef } from './attach-files.ts';
import { ACCEPTED_TYPES, cleanFileName, sniffFileType } from './file-types.ts';
import { filesRoot, putBlob } from './storage.ts';
import { getFile, insertFile } from './store.ts';

/** The default upload limit (10 MB): a phone photo fits, a video does not. */
export const DEFAULT_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The effective upload limit of a configuration. */
export const fileMaxBytes = (config: Pick<Config, 'fileMaxBytes'>): number =>
  config.fileMaxBytes ?? DEFAULT_FILE_MAX_BYTES;

/** The error of an upload over the limit (also raised while the body is still streaming in). */
export const tooLarge = (max: number): AppError =>
  new AppError(
    'FILE_TOO_LARGE',
    `文件过大，单个附件不得超过 ${Math.floor(max / 1024 / 1024)} MB (file too large)`,
    {
      maxBytes: max,
    },
  );

/**
 * Stores one upload: size and type checked on the bytes themselves, the blob written under its
 * SHA-256 (stored once however often it is uploaded), the row and its audit entry in one transaction.
 */
export async function uploadFile(options: {
  db: Db;
  config: Pick<Config, 'dataDir' | 'filesDir' | 'fileMaxBytes'>;
  principal: Principal;
  bytes: Uint8Array;
  name?: string | undefined;
  requestId?: string | null;
}): Promise<AttachmentRef & { sha256: string }> {
  const { bytes, principal } = options;
  const max = fileMaxBytes(options.config);
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空 (empty file)');
  if (bytes.length > max) throw tooLarge(max);
  const mime = sniffFileType(bytes);
  if (!mime) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `不支持的文件类型，仅接受 JPEG、PNG、WebP、GIF 图片和 PDF (unsupported file type)`,
      { accepted: Object.keys(ACCEPTED_TYPES) },
    );
  }
  const sha256 = await putBlob(filesRoot(options.config), bytes);
  const id = uuidv7();
  const name = cleanFileName(options.name, mime);
  await options.db.transaction(async (tx) => {
    await insertFile(tx, {
      id,
      districtCode: principal.districtCode,
      sha256,
      size: bytes.length,
      mime,
      name,
      uploadedById: principal.userId,
      uploadedByLabel: principal.username,
      uploaderPath: principal.unitPath,
    });
    await appendAudit(tx, {
      districtCode: principal.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'file.upload',
      targetType: 'file',
      targetId: id,
      details: { sha256, size: bytes.length, mime, name },
      requestId: options.requestId ?? null,
    });
  });
  const row = await getFile(options.db, id);
  if (!row) throw new AppError('INTERNAL', '附件保存失败 (file not saved)');
  return { ...toAttachmentRef(row), sha256 };
}
