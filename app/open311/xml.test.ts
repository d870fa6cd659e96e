import { describe, expect, it } from "vitest";
import { escapeXml, toXml } from "./xml";

describe("XML writer", () => {
  it("escapes markup characters in text", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
    // A CDATA end or a comment in a description stays text.
    expect(toXml("d", "]]><!-- x -->")).toContain("<d>]]&gt;&lt;!-- x --&gt;</d>");
  });

  it("drops characters XML 1.0 cannot carry, keeps Chinese, tabs, newlines and emoji", () => {
    expect(escapeXml("停电\u0000\u0007了\u000B\uFFFE")).toBe("停电了");
    expect(escapeXml("a\tb\nc\r")).toBe("a\tb\nc\r");
    expect(escapeXml("灯坏了😀")).toBe("灯坏了😀");
    expect(escapeXml("x\uD800y\uDC00z")).toBe("xyz"); // lone surrogates
  });

  it("nests objects, repeats list items by the given names, and writes null as an empty element", () => {
    const xml = toXml("services", [{ service_code: "SDQN-01", metadata: true, lat: 34.75, group: null }], { services: "service" });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>SDQN-01</service_code><metadata>true</metadata><lat>34.75</lat><group/></service></services>',
    );
  });

  it("writes an empty list as an empty root", () => {
    expect(toXml("service_requests", [], { service_requests: "request" })).toMatch(/<service_requests><\/service_requests>$/);
  });

  it("refuses element names that are not XML names", () => {
    expect(() => toXml("x", { "a b": 1 })).toThrow(/invalid XML element name/);
    expect(() => toXml("x", { "<script>": 1 })).toThrow();
  });
});
