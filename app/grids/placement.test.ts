import { describe, expect, it } from "vitest";
import { PlacementIndex, shortName, type PlacementNode } from "./placement";

const n = (id: string, code: string, name: string, level: string, parentId: string | null): PlacementNode => ({ id, code, name, level, parentId });
const index = new PlacementIndex([
  n("city", "4101", "郑州市", "CITY", null),
  n("gx", "410172", "郑州高新技术产业开发区", "DISTRICT", "city"),
  n("js", "410105", "金水区", "DISTRICT", "city"),
  n("fy", "410172560", "枫杨街道", "STREET", "gx"),
  n("wt", "410172561", "梧桐街道", "STREET", "gx"),
  n("fy1", "410172560001", "锦华苑社区居委会", "COMMUNITY", "fy"),
  n("fy2", "410172560002", "万丰慧城社区居民委员会", "COMMUNITY", "fy"),
  n("wt1", "410172561001", "瑞达社区居委会", "COMMUNITY", "wt"),
  n("js1", "410105001", "经八路街道", "STREET", "js"),
  n("js11", "410105001001", "瑞达社区居委会", "COMMUNITY", "js1"), // same name in another district
  n("e1", "E1", "锦华苑小区一期", "ESTATE", "fy1"),
  n("p1", "P1", "郑州863软件园", "DEDICATED", "fy"),
]);

describe("grid placement", () => {
  it("strips the suffixes of official names", () => {
    expect(shortName("锦华苑社区居委会")).toBe("锦华苑");
    expect(shortName("万丰慧城社区居民委员会")).toBe("万丰慧城");
    expect(shortName("枫杨街道")).toBe("枫杨");
    expect(shortName("郑州市金水区")).toBe("金水区");
  });

  it("places by community code, then finds the estate in the address", () => {
    const p = index.place({ community: "410172560001", address: "高新区锦华苑小区一期3号楼" });
    expect(p).toMatchObject({ gridId: "e1", communityCode: "410172560001", streetCode: "410172560", districtCode: "410172" });
  });

  it("places by names as offices write them", () => {
    expect(index.place({ district: "高新区", street: "枫杨街道", community: "万丰慧城社区" }).gridId).toBe("fy2");
    expect(index.place({ district: "郑州高新技术产业开发区", street: "梧桐", community: "瑞达社区居委会" }).gridId).toBe("wt1");
  });

  it("uses the district to tell apart communities with the same name", () => {
    expect(index.place({ community: "瑞达社区居委会" }).gridId).toBeNull(); // ambiguous across the city
    expect(index.place({ district: "金水区", community: "瑞达社区" }).gridId).toBe("js11");
  });

  it("finds the community in the address when only the street is given", () => {
    const p = index.place({ street: "410172560", address: "郑州市高新区枫杨街道万丰慧城社区科学大道100号" });
    expect(p.gridId).toBe("fy2");
    expect(p.how).toContain("地址");
  });

  it("reads street and community from the address alone", () => {
    expect(index.place({ address: "郑州市高新区梧桐街道瑞达社区长椿路11号" }).gridId).toBe("wt1");
  });

  it("leaves unplaceable companies unplaced", () => {
    const p = index.place({ address: "河南省某地某路1号" });
    expect(p.gridId).toBeNull();
    expect(p.how).toBe("无法定位到社区");
    expect(index.place({ street: "枫杨街道", address: "科学大道100号" }).gridId).toBeNull();
  });

  it("finds the park by name or in the address", () => {
    expect(index.place({ community: "410172560001", park: "郑州863软件园" }).parkGridId).toBe("p1");
    expect(index.place({ address: "高新区枫杨街道锦华苑社区 郑州863软件园A座" })).toMatchObject({ gridId: "fy1", parkGridId: "p1" });
  });
});
