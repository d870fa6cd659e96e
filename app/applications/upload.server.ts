import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_MATERIAL_BYTES } from "./file-type";

/**
 * The application form as multipart: text fields in memory (small), each material file in memory
 * up to 10 MB. A larger file is read to its end and dropped, so the user gets an error next to
 * that one field instead of the whole request failing; the rest of the form comes back filled in.
 */
export interface UploadedMaterial {
  fileName: string;
  size: number;
  /** Null when the file was over the limit (only its size is known). */
  bytes: Uint8Array | null;
}

const MAX_TEXT = 20_000;
const MAX_PARTS = 200;

export async function parseApplicationUpload(request: Request, materialCount: number): Promise<{ form: FormData; files: Map<number, UploadedMaterial> }> {
  const files = new Map<number, UploadedMaterial>();
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts++;
    const material = /^material-(\d{1,2})$/.exec(name);
    const index = material ? Number(material[1]) : -1;
    const wanted = parts <= MAX_PARTS && (filename === undefined || (index >= 0 && index < materialCount));
    const limit = filename === undefined ? MAX_TEXT : MAX_MATERIAL_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Always read the part to its end: the parser moves on to the next part only then.
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (wanted && size <= limit) chunks.push(chunk);
    }
    if (!wanted) return undefined;
    if (filename === undefined) return new TextDecoder().decode(concat(chunks, Math.min(size, limit)));
    // An empty file input arrives as a part with no name and no bytes: nothing chosen.
    if (!filename && size === 0) return undefined;
    files.set(index, { fileName: filename, size, bytes: size <= limit ? concat(chunks, size) : null });
    return "uploaded";
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  return { form, files };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c.subarray(0, Math.max(0, size - at)), at);
    at += c.byteLength;
    if (at >= size) break;
  }
  return out;
}
