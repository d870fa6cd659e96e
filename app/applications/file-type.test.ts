import { describe, expect, it } from "vitest";
import { cleanFileName, detectFileKind, materialProblem, MAX_MATERIAL_BYTES } from "./file-type";

const bytes = (...xs: (number | string)[]) => new Uint8Array(xs.flatMap((x) => (typeof x === "string" ? [...Buffer.from(x)] : [x])));

describe("material file types by content", () => {
  it("recognises PDF, JPEG and PNG by their signatures", () => {
    expect(detectFileKind(bytes("%PDF-1.7\n"))?.ext).toBe("pdf");
    expect(detectFileKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"))?.ext).toBe("jpg");
    expect(detectFileKind(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))?.ext).toBe("png");
  });

  it("refuses a Windows program renamed to .pdf, and a PDF header that does not open the file", () => {
    const exe = bytes("MZ", 0x90, 0, 3, 0, 0, 0, "This program cannot be run in DOS mode");
    expect(detectFileKind(exe)).toBeNull();
    expect(materialProblem({ size: exe.length, head: exe })).toMatch("不是 PDF、JPG 或 PNG");
    expect(detectFileKind(bytes("MZ....%PDF-1.4"))).toBeNull();
    expect(detectFileKind(bytes("%PDF"))).toBeNull(); // too short to be the header
  });

  it("explains a missing, empty or oversized file in Chinese", () => {
    expect(materialProblem(null)).toBe("请上传此项材料");
    expect(materialProblem({ size: 0, head: new Uint8Array() })).toBe("请上传此项材料");
    expect(materialProblem({ size: MAX_MATERIAL_BYTES + 1, head: bytes("%PDF-1.7") })).toMatch("超过 10 MB");
    expect(materialProblem({ size: MAX_MATERIAL_BYTES, head: bytes("%PDF-1.7") })).toBeNull();
  });

  it("keeps an uploaded name readable but harmless, with the extension of what the file is", () => {
    expect(cleanFileName("C:\\fakepath\\审计报告.PDF", "pdf")).toBe("审计报告.pdf");
    expect(cleanFileName("../../etc/passwd", "png")).toBe("passwd.png");
    expect(cleanFileName('a"b<c>.exe', "pdf")).toBe("abc.pdf");
    expect(cleanFileName("", "jpg")).toBe("材料.jpg");
  });
});
