import { prisma } from "~/db.server";
import { PlacementIndex } from "~/grids/placement";

/** A snapshot of the whole grid tree for placing many companies (an import, the demo seed). */
export async function loadPlacementIndex(): Promise<PlacementIndex> {
  const nodes = await prisma.gridNode.findMany({ select: { id: true, code: true, name: true, level: true, parentId: true } });
  return new PlacementIndex(nodes);
}
