/** A list file as POST /api/lists/import takes it: CSV as text, Excel as base64. */
export interface ReadFile {
  name: string;
  format: 'csv' | 'xlsx';
  content: string;
}

/**
 * Reads a chosen file. A CSV saved by Chinese Excel is often GB18030, not UTF-8: when the bytes are
 * not valid UTF-8 they are read as GB18030, so the server always receives Unicode text.
 */
export async function readListFile(file: File): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(file.name) || isZip) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { name: file.name, format: 'xlsx', content: btoa(binary) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return { name: file.name, format: 'csv', content: text.replace(/^\uFEFF/, '') };
}
