import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database and data folder: it writes applications, uploaded files and notifications.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/applications.db`;
  process.env.DATA_DIR = `${process.env.QQ_TEST_DIR}/applications-data`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import type { Actor } from "~/auth/actor";
import { runMatch } from "~/matching/match-run.server";
import { accountsFor, findCandidates } from "~/payouts/candidates.server";
import { cityDate } from "~/utils/dates";
import {
  applicationQueue, applyPage, ApplicationError, decideApplication, getApplication, listApplicationsForCompany, materialFile,
  submitApplication, withdrawApplication,
} from "./applications.server";
import { parseApplicationFields, type ApplicationInput } from "./application-form.server";
import { materialsDir } from "./materials.server";
import type { UploadedMaterial } from "./upload.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { outcomeRows } from "../../tests/support/outcomes";

const ON = cityDate();
let officer: Actor, company: Actor, stranger: Actor;
let clauseId = "";
let materials: string[] = [];

const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode."));

const FIELDS: ApplicationInput = {
  contactName: "李娜", contactPhone: "13800000001", contactEmail: "lina@yunfan.example.cn", promise: "1", note: "请审核",
  account: { name: "郑州云帆智能科技有限公司", bank: "中国银行郑州高新技术开发区支行", number: "6217000012345678" },
};

function files(...list: [string, Uint8Array][]): Map<number, UploadedMaterial> {
  return new Map(list.map(([name, bytes], i) => [i, { fileName: name, size: bytes.length, bytes }]));
}
const allPdf = () => files(...materials.map((m): [string, Uint8Array] => [`${m}.pdf`, PDF]));

async function failure(p: Promise<unknown>): Promise<ApplicationError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationError);
  return error as ApplicationError;
}

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 50 });
  await runMatch({ kind: "FULL", trigger: "测试", on: ON });
  [officer, company] = await Promise.all(["zhengce", "qiye"].map(actorFor));
  // A second company's user: the same role, another company.
  const other = await prisma.company.findFirstOrThrow({ where: { id: { not: company.companyId! } } });
  const user = await prisma.user.create({ data: { username: "qiye-2", displayName: "周婷", role: "ENTERPRISE", passwordHash: "x", companyId: other.id } });
  stranger = await actorFor(user.username);
  // 潜在瞪羚企业认定奖励: a 申报 clause the demo company qualifies for.
  const own = await outcomeRows({ companyId: company.companyId! });
  clauseId = own.find((r) => r.policyId === "gaoxinqu-dengling-qiye-jiangli" && r.status === "QUALIFIED")!.clauseId;
}, 180_000);

describe("the apply page", () => {
  it("is pre-filled from the profile and the facts the match used, and lists the policy's materials", async () => {
    const page = (await applyPage({ actor: company, clauseId }))!;
    materials = page.materials;
    expect(page.refusal).toBeNull();
    expect(page.canApply).toBe(true);
    expect(page.company.name).toBe("郑州云帆智能科技有限公司");
    expect(page.company.uscc).toMatch(/^[0-9A-Z]{18}$/);
    expect(page.company.contactPhone).toBe("13800000001");
    expect(page.amount).toBe(50);
    expect(page.needsAccount).toBe(true);
    expect(page.basis.length).toBeGreaterThan(1);
    expect(page.basis).toContain("    ✓ 上年度营业收入不低于1,000万元（实际 3,200万元）");
    expect(page.materials).toEqual(["潜在瞪羚企业认定申请书", "近两年财务审计报告", "高新技术企业或科技型中小企业证明", "研发费用专项审计报告"]);
  });

  it("refuses a 免申即享 clause and a clause the company does not qualify for, in plain words", async () => {
    const own = await outcomeRows({ companyId: company.companyId! });
    const instant = own.find((r) => r.instant)!;
    expect((await applyPage({ actor: company, clauseId: instant.clauseId }))?.refusal).toMatch("免申即享");
    const qualified = new Set(own.map((r) => r.clauseId));
    const other = await prisma.policyClause.findFirstOrThrow({ where: { delivery: "申报", id: { notIn: [...qualified] }, version: { status: "PUBLISHED" } } });
    const page = await applyPage({ actor: company, clauseId: other.id });
    expect(page?.refusal).toMatch("暂不符合该事项的条件");
    expect(page?.canApply).toBe(false);
    expect((await failure(submitApplication({ actor: company, clauseId: other.id, fields: FIELDS, files: new Map() }))).status).toBe(409);
    expect(await applyPage({ actor: company, clauseId: "no-such-clause" })).toBeNull();
    expect(await applyPage({ actor: officer, clauseId })).toBeNull();
  });
});

describe("submitting", () => {
  it("checks every field and file, naming the one that is wrong; a renamed .exe is not a PDF", async () => {
    const form = new FormData();
    form.set("contactName", "李");
    form.set("contactPhone", "12345");
    form.set("accountNumber", "abc");
    const { input, errors } = parseApplicationFields(form, true);
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["accountName", "accountNumber", "bank", "contactName", "contactPhone", "promise"]);

    const bad = allPdf();
    bad.set(1, { fileName: "审计报告.pdf", size: EXE.length, bytes: EXE });
    bad.set(2, { fileName: "证书.png", size: 11 * 1024 * 1024, bytes: null });
    bad.delete(3);
    const error = await failure(submitApplication({ actor: company, clauseId, fields: FIELDS, files: bad }));
    expect(error.fieldErrors["material-1"]?.[0]).toMatch("不是 PDF、JPG 或 PNG");
    expect(error.fieldErrors["material-2"]?.[0]).toMatch("超过 10 MB");
    expect(error.fieldErrors["material-3"]?.[0]).toBe("请上传此项材料");
    expect(error.fieldErrors["material-0"]).toBeUndefined();
    expect(await prisma.application.count()).toBe(0);
  });

  it("submits once per company and clause; a withdrawn application may be submitted again", async () => {
    const mixed = allPdf();
    mixed.set(2, { fileName: "高企证书.jpg", size: PNG.length, bytes: PNG }); // a PNG named .jpg is still a PNG
    const { applicationId } = await submitApplication({ actor: company, clauseId, fields: FIELDS, files: mixed });
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(stored.status).toBe("SUBMITTED");
    const list = JSON.parse(stored.materials) as { fileName: string; path: string; type: string }[];
    expect(list.map((m) => m.type)).toEqual(["application/pdf", "application/pdf", "image/png", "application/pdf"]);
    expect(list[2].fileName).toBe("高企证书.png");
    for (const m of list) expect(fs.existsSync(path.join(materialsDir(), m.path))).toBe(true);
    const form = JSON.parse(stored.form);
    expect(form.company.name).toBe("郑州云帆智能科技有限公司");
    expect(form.account.number).toBe("6217000012345678");

    expect((await failure(submitApplication({ actor: company, clauseId, fields: FIELDS, files: allPdf() }))).message).toMatch("只能申报一次");
    expect((await listApplicationsForCompany(company)).map((a) => [a.clauseId, a.statusLabel])).toEqual([[clauseId, "待审核"]]);
    expect(await listApplicationsForCompany(stranger)).toEqual([]);
    expect(await listApplicationsForCompany(officer)).toEqual([]);

    await withdrawApplication({ actor: company, clauseId });
    expect((await applyPage({ actor: company, clauseId }))?.canApply).toBe(true);
    await submitApplication({ actor: company, clauseId, fields: { ...FIELDS, note: "补充了审计报告" }, files: allPdf() });
    // The withdrawn attempt's files are gone; the new ones are there.
    for (const m of list) expect(fs.existsSync(path.join(materialsDir(), m.path))).toBe(false);
    expect(await prisma.application.count()).toBe(1);
    expect(await prisma.auditLog.count({ where: { entityId: applicationId, action: { in: ["application.submit", "application.withdraw"] } } })).toBe(3);
  });
});

describe("scope", () => {
  it("lets no other company read the application or its materials; officers can, and are recorded", async () => {
    const { id } = await prisma.application.findFirstOrThrow();
    expect(await getApplication({ actor: stranger, id })).toBeNull();
    expect(await materialFile({ actor: stranger, id, index: 0 })).toBeNull();
    expect((await applicationQueue({ actor: stranger, filters: {} }))).toBeNull();

    const own = await materialFile({ actor: company, id, index: 0 });
    expect(own?.type).toBe("application/pdf");
    expect(Buffer.from(own!.bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(await materialFile({ actor: company, id, index: 9 })).toBeNull();

    const seen = await materialFile({ actor: officer, id, index: 1 });
    expect(seen?.fileName).toBe("近两年财务审计报告.pdf");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "application.material.download", actorId: officer.id } })).toBe(1);
  });
});

describe("the officer's decision", () => {
  it("queues submitted applications, refuses a rejection without reason, approves, tells the company, and makes it payable", async () => {
    const queue = (await applicationQueue({ actor: officer, filters: {} }))!;
    expect(queue.rows.map((r) => [r.company, r.clause])).toEqual([["郑州云帆智能科技有限公司", "潜在瞪羚企业认定奖励"]]);
    expect(queue.policies.map((p) => p.label)).toEqual(["郑州高新区瞪羚企业认定奖励"]);
    expect((await applicationQueue({ actor: officer, filters: { q: "没有这家企业" } }))!.total).toBe(0);
    const { id } = queue.rows[0];

    const detail = (await getApplication({ actor: officer, id }))!;
    expect(detail.canDecide).toBe(true);
    expect(detail.form.note).toBe("补充了审计报告");
    expect(detail.currentMatch?.status).toBe("QUALIFIED");
    expect((await getApplication({ actor: company, id }))?.canDecide).toBe(false);

    expect((await failure(decideApplication({ actor: officer, id, decision: "reject", reason: "  " }))).fieldErrors.reason).toBeDefined();
    expect((await failure(decideApplication({ actor: company, id, decision: "approve" }))).status).toBe(403);
    expect((await findCandidates(prisma, "gaoxinqu-dengling-qiye-jiangli")).candidates).toEqual([]);

    expect((await failure(decideApplication({ actor: officer, id, decision: "approve", amount: 60 }))).fieldErrors.amount?.[0]).toMatch("不超过按政策测算的 50 万元");
    await decideApplication({ actor: officer, id, decision: "approve", reason: "材料齐全", amount: 40 });
    expect((await failure(decideApplication({ actor: officer, id, decision: "reject", reason: "重复" }))).message).toMatch("不能再审核");
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: company.id, kind: "APPLICATION" } });
    expect(notice.title).toBe("申报已通过：郑州高新区瞪羚企业认定奖励");
    expect(notice.body).toMatch("核定金额 40 万元");
    expect(notice.link).toBe(`/my-policies/apply/${clauseId}`);
    expect((await getApplication({ actor: officer, id }))?.timeline.map((t) => t.action)).toEqual(["企业提交申报", "企业撤回申报", "企业提交申报", "审核通过"]);
    expect((await listApplicationsForCompany(company))[0].statusLabel).toBe("已通过");

    // An approved application with money enters the payout pool at the amount granted, with the account it gave.
    const { candidates } = await findCandidates(prisma, "gaoxinqu-dengling-qiye-jiangli");
    expect(candidates.map((c) => [c.companyId, c.amount])).toEqual([[company.companyId, 40]]);
    const accounts = await accountsFor(prisma, candidates.map((c) => c.matchId));
    expect(accounts.get(candidates[0].matchId)?.number).toBe("6217000012345678");
  });
});
