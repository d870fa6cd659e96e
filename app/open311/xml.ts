/**
 * The small XML writer GeoReport v2 needs (no dependency for ~40 lines): nested objects become
 * elements, arrays repeat a child element named by `itemNames` (services → service), null is an
 * empty element. Text is escaped, and characters XML 1.0 cannot carry at all (control characters,
 * lone surrogates) are dropped, so a stray byte in a case description can never break a client's
 * parser or smuggle markup into the document.
 */
export type XmlValue = string | number | boolean | null | undefined | Date | XmlValue[] | { [key: string]: XmlValue };

// Element names come from our own code, but checking them keeps the writer safe on its own.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Not allowed in XML 1.0: C0 controls except tab, LF, CR; U+FFFE/U+FFFF; unpaired surrogates.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function element(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? "item";
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join("")}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${escapeXml(value.toISOString())}</${name}>`;
  if (typeof value === "object") {
    const inner = Object.entries(value).map(([k, v]) => element(k, v, itemNames)).join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration and one root element. */
export function toXml(root: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}`;
}
