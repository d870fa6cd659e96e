import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import "./exceljs-utf8.server";

const fromExceljs = createRequire(createRequire(import.meta.url).resolve("exceljs/package.json"));

describe("exceljs streamed XML decoding", () => {
  it("keeps a Chinese character split across two chunks whole", async () => {
    const parseSax = fromExceljs("./lib/utils/parse-sax.js") as (chunks: AsyncIterable<Buffer>) => AsyncGenerator<{ eventType: string; value: unknown }[]>;
    const xml = Buffer.from("<t>郑州天一鑫达文化传媒有限公司</t>");
    async function* split() {
      yield xml.subarray(0, 10); // "一" is 3 bytes; byte 10 falls inside a character
      yield xml.subarray(10);
    }
    let text = "";
    for await (const events of parseSax(split())) for (const e of events) if (e.eventType === "text") text += String(e.value);
    expect(text).toBe("郑州天一鑫达文化传媒有限公司");
  });
});
