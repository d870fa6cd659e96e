import { once } from "node:events";
import { createWriteStream, statSync } from "node:fs";
import iconv from "iconv-lite";
import { IMPORT_COLUMNS } from "~/companies/import/columns";
import { csvStream } from "~/utils/spreadsheet/export.server";
import { generateRegistryRows } from "./registry-generator";

/**
 * Writes generated companies as an import CSV, in chunks (memory stays flat at any count).
 * UTF-8 with a BOM by default; GBK for the offices whose tools still expect it.
 */
export async function writeRegistryCsv(options: { out: string; count: number; seed?: number; year?: number; gbk?: boolean }) {
  const columns = Object.values(IMPORT_COLUMNS).map((header) => ({ key: header, header }));
  const out = createWriteStream(options.out);
  for await (let chunk of csvStream(columns, generateRegistryRows({ count: options.count, seed: options.seed, year: options.year }))) {
    // The BOM is a Unicode marker: GBK readers would show it as junk.
    if (options.gbk) chunk = chunk.replace(/^\uFEFF/, "");
    if (!out.write(options.gbk ? iconv.encode(chunk, "gbk") : chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { bytes: statSync(options.out).size };
}
