/**
 * Places a company in the grid tree from what registration data gives: division codes or names,
 * and the address text. Pure: works on a snapshot of the grid nodes (see placement.server.ts).
 * The company lands in a 二级 (community) or 三级 (estate) grid, plus optionally a 专属 park grid;
 * when nothing matches it stays unplaced and waits in the admin queue.
 */
export interface PlacementNode {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface PlacementInput {
  district?: string | null;
  street?: string | null;
  community?: string | null;
  park?: string | null;
  address?: string | null;
}

export interface Placement {
  gridId: string | null;
  parkGridId: string | null;
  districtCode: string | null;
  streetCode: string | null;
  communityCode: string | null;
  /** How the grid was found, for the audit trail and the unassigned queue. */
  how: string;
}

// Official names carry suffixes people leave out: 锦华苑社区居委会 is written 锦华苑社区 or 锦华苑.
const SUFFIXES = [
  "社区居民管理委员会", "社区居民委员会", "社区居委会", "村民委员会", "居民委员会", "村委会", "居委会", "委员会",
  "街道办事处", "街道", "社区", "镇", "乡", "村",
];
const DISTRICT_ALIASES: Record<string, string[]> = {
  "410171": ["经开区", "经济开发区", "经济技术开发区"],
  "410172": ["高新区", "高新技术开发区", "高新技术产业开发区"],
  "410173": ["航空港区", "航空港", "空港区", "航空港实验区"],
  "410104": ["管城区"],
};

export function shortName(name: string): string {
  let s = name.replace(/^郑州市?/, "").trim();
  for (const suffix of SUFFIXES) {
    if (s.endsWith(suffix) && s.length - suffix.length >= 2) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

export class PlacementIndex {
  private byId = new Map<string, PlacementNode>();
  private byCode = new Map<string, PlacementNode>();
  private children = new Map<string, PlacementNode[]>();
  private byLevel = new Map<string, PlacementNode[]>();
  // Imports place thousands of companies in the same few streets: remember each scope's nodes.
  private scopes = new Map<string, PlacementNode[]>();

  constructor(nodes: PlacementNode[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      this.byCode.set(n.code, n);
      if (n.parentId) this.children.set(n.parentId, [...(this.children.get(n.parentId) ?? []), n]);
      this.byLevel.set(n.level, [...(this.byLevel.get(n.level) ?? []), n]);
    }
  }

  place(input: PlacementInput): Placement {
    const address = input.address ?? "";
    const district = this.find("DISTRICT", input.district, null) ?? this.inText("DISTRICT", address, null);
    let street = this.find("STREET", input.street, district);
    let community = this.find("COMMUNITY", input.community, street ?? district);
    let how = community ? "按所属社区" : "";
    if (community && !street) street = this.parent(community);
    if (!community && street) {
      community = this.inText("COMMUNITY", address, street);
      how = community ? "按街道和地址中的社区名" : "";
    }
    if (!community && !street) {
      street = this.inText("STREET", address, district);
      community = street ? this.inText("COMMUNITY", address, street) : null;
      how = community ? "按地址中的街道和社区名" : "";
    }
    const estate = community ? this.inText("ESTATE", address, community) : null;
    const park = this.find("DEDICATED", input.park, null) ?? this.inText("DEDICATED", address, null);
    const districtNode = district ?? (street ? this.parent(street) : null);
    return {
      gridId: estate?.id ?? community?.id ?? null,
      parkGridId: park?.id ?? null,
      districtCode: districtNode?.code ?? null,
      streetCode: street?.code ?? null,
      communityCode: community?.code ?? null,
      how: estate ? `${how}，地址中的小区名` : how || "无法定位到社区",
    };
  }

  private parent(node: PlacementNode): PlacementNode | null {
    return node.parentId ? (this.byId.get(node.parentId) ?? null) : null;
  }

  /** Nodes of a level under an ancestor (or all of that level when no ancestor is known). */
  private candidates(level: string, under: PlacementNode | null): PlacementNode[] {
    if (!under) return this.byLevel.get(level) ?? [];
    const key = `${level}:${under.id}`;
    const cached = this.scopes.get(key);
    if (cached) return cached;
    const found: PlacementNode[] = [];
    const walk = (n: PlacementNode) => {
      for (const c of this.children.get(n.id) ?? []) {
        if (c.level === level) found.push(c);
        else walk(c);
      }
    };
    walk(under);
    this.scopes.set(key, found);
    return found;
  }

  /** By code, full name or short name; a name must be unambiguous within its scope. */
  private find(level: string, value: string | null | undefined, under: PlacementNode | null): PlacementNode | null {
    const v = value?.trim();
    if (!v) return null;
    const byCode = this.byCode.get(v);
    if (byCode && byCode.level === level) return byCode;
    const pool = this.candidates(level, under);
    const exact = pool.filter((n) => n.name === v);
    if (exact.length === 1) return exact[0];
    const short = shortName(v);
    const matches = pool.filter((n) => shortName(n.name) === short || (DISTRICT_ALIASES[n.code] ?? []).includes(v));
    return matches.length === 1 ? matches[0] : null;
  }

  /** The node whose (short) name appears in the text; the longest name wins, ties mean none. */
  private inText(level: string, text: string, under: PlacementNode | null): PlacementNode | null {
    if (!text) return null;
    let best: PlacementNode | null = null;
    let bestLength = 0;
    let tie = false;
    for (const n of this.candidates(level, under)) {
      const names = [n.name, shortName(n.name), ...(DISTRICT_ALIASES[n.code] ?? [])].filter((s) => s.length >= 2);
      const hit = names.find((s) => text.includes(s));
      if (!hit) continue;
      if (hit.length > bestLength) [best, bestLength, tie] = [n, hit.length, false];
      else if (hit.length === bestLength && best?.id !== n.id) tie = true;
    }
    return tie ? null : best;
  }
}
