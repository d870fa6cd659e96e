// Concurrent submissions of the case benchmark: `clients` enterprise users filing at once through
// the portal's form (/cases/new, multipart, CSRF, each with the submissionKey its form carried) and
// `clients` Open311 clients posting at once (POST /open311/v2/requests.json with an API key and an
// Idempotency-Key). Some of each are sent twice at the same moment (a retry, a double click), and
// a few again after the burst; the database must then hold exactly one case per submission.
import { login } from "./http";
import { percentiles } from "./cases-queue";
import type { Timing } from "./http";

export interface Setup {
  tag: string;
  /** Usernames of enterprise users made for this run, one company each. */
  users: string[];
  /** Companies for the Open311 filings (by 统一社会信用代码). */
  usccs: string[];
  apiKey: string | null;
}

/** In-process, before the portal starts: enterprise users (the demo password) and an API key. */
export async function prepareSubmitters(clients: number): Promise<Setup> {
  const { prisma } = await import("~/db.server");
  const { actorFor } = await import("~/auth/actor.server");
  const tag = Date.now().toString(36);
  const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { username: "qiye" }, select: { passwordHash: true } });
  const total = await prisma.company.count({ where: { gridId: { not: null } } });
  const step = Math.max(1, Math.floor(total / (2 * clients)));
  const companies = await prisma.company.findMany({ where: { gridId: { not: null } }, select: { id: true, uscc: true }, orderBy: { id: "asc" } });
  const spread = companies.filter((_, i) => i % step === 0).slice(0, 2 * clients);
  const users = spread.slice(0, clients).map((c, i) => ({ username: `bench-${tag}-${i}`, displayName: `基准企业用户${i}`, role: "ENTERPRISE", passwordHash, companyId: c.id }));
  await prisma.user.createMany({ data: users });
  let apiKey: string | null = null;
  try {
    const { createApiKey } = await import("~/open311/api-keys.server");
    apiKey = (await createApiKey({ actor: await actorFor("admin"), name: `基准测试 ${tag}` })).key;
  } catch (error) {
    console.log(`未测 Open311（${(error as Error).message}）`);
  }
  return { tag, users: users.map((u) => u.username), usccs: spread.slice(clients).map((c) => c.uscc), apiKey };
}

export interface Burst {
  channel: string;
  requests: number;
  distinct: number;
  wallMs: number;
  timing: Timing;
  failures: string[];
  /** Pairs sent twice (at once, or later) that got different answers. */
  splitPairs: number;
  marker: string;
}

const TEXTS = [
  ["园区厂房频繁停电影响生产", "这个月已经停了三次电，每次两三个小时，生产线停工，损失很大，希望供电部门尽快排查线路。", "SDQN-01"],
  ["社保缴费基数核定有误", "今年社保缴费基数核定比实际工资高了不少，多缴了一大笔，想申请调整，不知道找哪个窗口。", "YGZP-02"],
  ["免申即享奖励一直未到账", "收到通知说符合免申即享条件，公示也过了，两个月了钱还没到账，麻烦查一下进度。", "ZCZX-02"],
  ["招不到数控车工", "订单多了，车间缺十几个数控车工，网上招聘一直没人来，希望人社部门帮忙对接职业院校。", "YGZP-01"],
];

async function burst(channel: string, marker: string, send: (i: number) => Promise<{ ms: number; id: string | null; problem: string | null }>, clients: number, twice: number, later: number): Promise<Burst> {
  // Clients 0..twice-1 send their submission twice at the same moment.
  const order = [...Array.from({ length: clients }, (_, i) => i), ...Array.from({ length: twice }, (_, i) => i)];
  const started = performance.now();
  const answers = await Promise.all(order.map((i) => send(i).then((a) => ({ i, ...a }))));
  const wallMs = performance.now() - started;
  const retries = await Promise.all(Array.from({ length: later }, (_, i) => send(i).then((a) => ({ i, ...a }))));
  const byClient = new Map<number, Set<string>>();
  for (const a of [...answers, ...retries]) if (a.id) (byClient.get(a.i) ?? byClient.set(a.i, new Set()).get(a.i)!).add(a.id);
  return {
    channel, marker, requests: order.length + later, distinct: clients, wallMs,
    timing: percentiles(answers.map((a) => a.ms)),
    failures: [...answers, ...retries].filter((a) => a.problem).map((a) => a.problem!),
    splitPairs: [...byClient.values()].filter((ids) => ids.size > 1).length,
  };
}

/** Through the portal's filing form, as `users` (each logs in and opens the form first, untimed). */
export async function portalBurst(base: string, setup: Setup, password: string, twice: number, later: number): Promise<Burst> {
  const marker = `【基准${setup.tag}-门户`;
  const forms: FormData[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < setup.users.length; i += 4) {
    await Promise.all(setup.users.slice(i, i + 4).map(async (username, j) => {
      const cookie = await login(base, username, password);
      const html = await (await fetch(`${base}/cases/new`, { headers: { Cookie: cookie } })).text();
      const field = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1];
      const [title, description, category] = TEXTS[(i + j) % TEXTS.length];
      const form = new FormData();
      const values: Record<string, string> = {
        csrf: field("csrf") ?? "", submissionKey: field("submissionKey") ?? "", title, description: `${description}${marker}${i + j}】`,
        categoryCode: category, urgency: "NORMAL", contactName: "李娜", contactPhone: "13800000001", contactEmail: "", address: "", suggestedCode: category,
      };
      if (!values.csrf || !values.submissionKey) throw new Error(`/cases/new for ${username} has no csrf or submissionKey`);
      for (const [k, v] of Object.entries(values)) form.append(k, v);
      forms[i + j] = form;
      cookies[i + j] = cookie;
    }));
  }
  return burst("门户表单", marker, async (i) => {
    const t = performance.now();
    const r = await fetch(`${base}/cases/new`, { method: "POST", redirect: "manual", headers: { Cookie: cookies[i] }, body: forms[i] });
    const location = r.headers.get("location") ?? "";
    await r.arrayBuffer();
    const id = r.status === 302 ? location.match(/^\/cases\/([^?/]+)\?filed=1$/)?.[1] ?? null : null;
    return { ms: performance.now() - t, id, problem: id ? null : `${r.status} ${location}` };
  }, setup.users.length, twice, later);
}

/** Through Open311, one API key, a distinct Idempotency-Key per submission. */
export async function open311Burst(base: string, setup: Setup, twice: number, later: number): Promise<Burst> {
  const marker = `【基准${setup.tag}-开放接口`;
  return burst("Open311", marker, async (i) => {
    const [title, description, category] = TEXTS[i % TEXTS.length];
    const body = JSON.stringify({
      api_key: setup.apiKey, service_code: category, description: `${description}${marker}${i}】`, attribute: { uscc: setup.usccs[i], title },
      first_name: "娜", last_name: "李", phone: "13800000001",
    });
    const t = performance.now();
    const r = await fetch(`${base}/open311/v2/requests.json`, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": `bench-${setup.tag}-${i}` }, body });
    const text = await r.text();
    const id = r.status === 200 ? (JSON.parse(text) as { service_request_id?: string }[])[0]?.service_request_id ?? null : null;
    return { ms: performance.now() - t, id, problem: id ? null : `${r.status} ${text.slice(0, 200)}` };
  }, setup.usccs.length, twice, later);
}

/** What the database holds for a burst: cases carrying its marker, and how many distinct submissions. */
export async function countFiled(b: Burst): Promise<{ rows: number; distinct: number; lost: number; duplicated: number }> {
  const { prisma } = await import("~/db.server");
  const rows = await prisma.case.findMany({ where: { description: { contains: b.marker } }, select: { description: true } });
  const seen = new Set(rows.map((r) => r.description.slice(r.description.indexOf(b.marker))));
  return { rows: rows.length, distinct: seen.size, lost: b.distinct - seen.size, duplicated: rows.length - seen.size };
}
