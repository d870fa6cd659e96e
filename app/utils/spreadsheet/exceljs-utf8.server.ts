/**
 * exceljs 4.4's streaming reader decodes each compressed chunk of XML on its own, so a Chinese
 * character split across two chunks turns into "��" (exceljs issues #2063, #2084; fixes proposed
 * upstream but not released). Imported before exceljs anywhere we use it, this module puts a
 * corrected `lib/utils/parse-sax.js` into Node's module cache: the same parser, fed through one
 * streaming TextDecoder that carries a split character over to the next chunk.
 * See docs/decisions/007-exceljs-utf8.md; drop this when exceljs ships the fix.
 */
import { createRequire } from "node:module";
import { PassThrough, type Readable } from "node:stream";

const require = createRequire(import.meta.url);
const fromExceljs = createRequire(require.resolve("exceljs/package.json"));
const { SaxesParser } = fromExceljs("saxes") as typeof import("saxes");

type SaxEvent = { eventType: "opentag" | "text" | "closetag"; value: unknown };

async function* parseSax(iterable: AsyncIterable<Buffer | string> | Readable): AsyncGenerator<SaxEvent[]> {
  const source = "pipe" in iterable && !(Symbol.asyncIterator in iterable) ? (iterable as Readable).pipe(new PassThrough()) : iterable;
  const parser = new SaxesParser();
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on("error", (e) => (error = e));
  parser.on("opentag", (value) => events.push({ eventType: "opentag", value }));
  parser.on("text", (value) => events.push({ eventType: "text", value }));
  parser.on("closetag", (value) => events.push({ eventType: "closetag", value }));
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const target = fromExceljs.resolve("./lib/utils/parse-sax.js");
if (require.cache[target]?.exports !== parseSax) {
  const module = new (require("node:module") as typeof import("node:module")).Module(target);
  module.filename = target;
  module.loaded = true;
  module.exports = parseSax;
  require.cache[target] = module;
}
