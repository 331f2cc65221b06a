/**
 * A small XML writer for the GeoReport v2 documents. The shapes are fixed and shallow, so a
 * hand-written serializer is enough (no dependency): objects become child elements in key order,
 * arrays become a wrapper element whose items take the singular name the spec uses
 * (`<services><service>…`), null becomes an empty element and undefined is left out.
 */

/** A value the writer can render. */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [key: string]: XmlValue };

/** The item element of each list element (GeoReport v2 names). */
export const OPEN311_ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

const NAME = /^[A-Za-z_][\w.-]*$/;
// XML 1.0's Char production: anything else (control characters, lone surrogates) cannot be carried
// even escaped, so it is dropped rather than emitting a document no parser accepts.
const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return Array.from(text)
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * Renders a whole document: `root` is the outer element; when `value` is an array its items are
 * named by `itemNames[root]`. Unknown list names are a programming error, so they throw.
 */
export function xmlDocument(
  root: string,
  value: XmlValue,
  itemNames: Readonly<Record<string, string>> = OPEN311_ITEM_NAMES,
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames, 0)}\n`;
}

function element(
  name: string,
  value: XmlValue,
  itemNames: Readonly<Record<string, string>>,
  depth: number,
): string {
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  const pad = '  '.repeat(depth);
  if (value === null || value === undefined) return `${pad}<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for list <${name}>`);
    if (value.length === 0) return `${pad}<${name}/>`;
    const children: string[] = value.map((v) => element(item, v, itemNames, depth + 1));
    return `${pad}<${name}>\n${children.join('\n')}\n${pad}</${name}>`;
  }
  if (typeof value === 'object') {
    const children: string[] = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => element(k, v, itemNames, depth + 1));
    if (children.length === 0) return `${pad}<${name}/>`;
    return `${pad}<${name}>\n${children.join('\n')}\n${pad}</${name}>`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `${pad}<${name}/>`;
  return `${pad}<${name}>${escapeXml(String(value))}</${name}>`;
}
