import { useState } from "react";
import { Tree } from "antd";
import type { DataNode } from "antd/es/tree";

export interface GridChild {
  id: string;
  code: string;
  name: string;
  level: string;
  childCount: number;
  companyCount: number;
}

const toNode = (c: GridChild): DataNode => ({
  key: c.id,
  title: `${c.name}${c.companyCount ? `（${c.companyCount}家）` : ""}`,
  isLeaf: c.childCount === 0,
});

function attach(nodes: DataNode[], key: React.Key, children: DataNode[]): DataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: attach(n.children, key, children) } : n));
}

/** The grid tree, loading each node's children when it is opened (3,500+ nodes in all). */
export function GridTree({ roots, selected, onSelect }: { roots: (GridChild & { children?: GridChild[] })[]; selected?: string; onSelect: (id: string) => void }) {
  const [treeData, setTreeData] = useState<DataNode[]>(() =>
    roots.map((r) => ({ ...toNode(r), children: r.children?.map(toNode) })),
  );
  return (
    <Tree
      treeData={treeData}
      selectedKeys={selected ? [selected] : []}
      defaultExpandedKeys={roots.map((r) => r.id)}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
      loadData={async (node) => {
        if (node.children) return;
        const response = await fetch(`/grids/children?parent=${encodeURIComponent(String(node.key))}`);
        const children = ((await response.json()) as GridChild[]).map(toNode);
        setTreeData((data) => attach(data, node.key, children));
      }}
      style={{ maxHeight: "70vh", overflow: "auto" }}
    />
  );
}
