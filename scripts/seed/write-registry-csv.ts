// Writes generated demo companies as an import CSV, for demos and import benchmarks:
//
//   npm run seed:registry-csv -- --count 120000 --out /tmp/registry.csv [--seed 1] [--year 2025] [--gbk]
import { parseArgs } from "node:util";
import { writeRegistryCsv } from "../../seed/registry-csv";

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    year: { type: "string", default: String(new Date().getFullYear() - 1) },
    gbk: { type: "boolean", default: false },
  },
});
const [count, seed, year] = [Number(values.count), Number(values.seed), Number(values.year)];
if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !Number.isInteger(year)) {
  console.error("用法：npm run seed:registry-csv -- --count 120000 --out /tmp/registry.csv [--seed 1] [--year 2025] [--gbk]");
  process.exit(2);
}
const started = performance.now();
const { bytes } = await writeRegistryCsv({ out: values.out, count, seed, year, gbk: values.gbk });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${count} 行 → ${values.out}（${(bytes / 1024 / 1024).toFixed(1)} MB，${values.gbk ? "GBK" : "UTF-8 带 BOM"}，${seconds} 秒）`);
