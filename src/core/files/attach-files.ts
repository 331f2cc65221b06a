import { decide, type Principal } from '../auth/authorize.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { filePolicy } from './policy.ts';
import { readablePaths } from './read-access.ts';
import { getFiles, insertLink } from './store.ts';
import type { FileRow } from './tables.ts';

/** How a record shows an attachment: enough to list it and fetch `/api/files/:id`. */
export interface AttachmentRef {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** The allow-listed view of a file row. */
export const toAttachmentRef = (f: FileRow): AttachmentRef => ({
  id: f.id,
  name: f.name,
  mime: f.mime,
  size: f.size,
});

/**
 * Attaches uploaded files to a record inside the caller's transaction and returns their refs in the
 * order given. A caller may attach only files it uploaded or can already read — attaching must not
 * become a way to reach someone else's photo.
 */
export async function attachFiles(
  tx: Db,
  options: {
    principal: Principal;
    fileIds: readonly string[];
    targetType: string;
    targetId: string;
    /** The record's org paths: whoever may see the record may see its files. */
    paths: string[];
  },
): Promise<AttachmentRef[]> {
  const ids = [...new Set(options.fileIds)];
  if (ids.length === 0) return [];
  const found = new Map((await getFiles(tx, ids)).map((f) => [f.id, f]));
  const refs: AttachmentRef[] = [];
  for (const id of ids) {
    const file = found.get(id);
    if (!file || file.districtCode !== options.principal.districtCode) {
      throw new AppError('UNPROCESSABLE', `附件不存在：${id}，请先上传 (file not found)`, { fileId: id });
    }
    const own = file.uploadedById === options.principal.userId;
    if (!own) {
      const decision = decide(options.principal, filePolicy.read, {
        districtCode: file.districtCode,
        paths: await readablePaths(tx, file),
      });
      if (!decision.allowed) {
        throw new AppError('FORBIDDEN_SCOPE', `无权使用该附件：${file.name} (file not yours)`, {
          fileId: id,
        });
      }
    }
    await insertLink(tx, {
      fileId: id,
      districtCode: file.districtCode,
      targetType: options.targetType,
      targetId: options.targetId,
      paths: options.paths,
    });
    refs.push(toAttachmentRef(file));
  }
  return refs;
}
