// Writes generated demo companies as an import CSV (the columns of app/companies/import/columns.ts),
// for demos and import benchmarks:
//
//   tsx scripts/seed/write-registry-csv.ts --count 120000 --out /tmp/registry.csv [--seed 1] [--year 2025] [--gbk]
//
// UTF-8 with a BOM by default (Excel then reads the Chinese right); --gbk for offices whose
// tools still expect GBK. Rows are written in chunks, so memory stays flat whatever the count.
import { once } from "node:events";
import { createWriteStream, statSync } from "node:fs";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import { IMPORT_COLUMNS } from "../../app/companies/import/columns";
import { generateRegistryRows } from "../../seed/registry-generator";

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    year: { type: "string", default: "2025" },
    gbk: { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const [seed, year] = [Number(values.seed), Number(values.year)];
if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !Number.isInteger(year)) {
  console.error("Usage: tsx scripts/seed/write-registry-csv.ts --count 120000 --out /tmp/registry.csv [--seed 1] [--year 2025] [--gbk]");
  process.exit(2);
}

const headers = Object.values(IMPORT_COLUMNS);
// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (cells: string[]) => cells.map(field).join(",") + "\r\n";

const started = performance.now();
const out = createWriteStream(values.out);
const write = async (text: string) => {
  // No BOM in GBK: it is a Unicode marker, and GBK readers would show it as junk.
  if (!out.write(values.gbk ? iconv.encode(text, "gbk") : text)) await once(out, "drain");
};

await write((values.gbk ? "" : "\uFEFF") + line(headers));
let rows = 0;
let chunk = "";
for (const row of generateRegistryRows({ count, seed, year })) {
  chunk += line(headers.map((h) => row[h] ?? ""));
  if (++rows % 2000 === 0) {
    await write(chunk);
    chunk = "";
  }
}
await write(chunk);
out.end();
await once(out, "finish");

const bytes = statSync(values.out).size;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${rows} rows → ${values.out} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${values.gbk ? "GBK" : "UTF-8 with BOM"}, ${seconds} s)`);
