import { ApiError, buildUrl, type RequestOptions, SESSION_ENDED, toApiError } from './client.ts';

/** The file name a response names in Content-Disposition (RFC 5987 `filename*` first). */
export function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file the API builds (Excel exports) and hands it to the browser's save dialog,
 * reporting progress while the body arrives (`total` is 0 when the server did not say the size).
 */
export async function downloadFile(
  path: string,
  query: RequestOptions['query'],
  onProgress: (received: number, total: number) => void,
  fallbackName = 'export.xlsx',
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, { code: 'NETWORK', message: (err as Error).message }, null);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (SESSION_ENDED.has(error.code)) window.location.assign('/login');
    throw error;
  }
  const total = Number(res.headers.get('content-length') ?? 0) || 0;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
  }
  const blob = new Blob(chunks as BlobPart[], {
    type: res.headers.get('content-type') ?? 'application/octet-stream',
  });
  const name = fileNameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
