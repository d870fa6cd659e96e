import type { Role } from "~/auth/roles";

/** The acting user, as every data function receives it. Safe to send to the browser. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Enterprise staff: their company. */
  companyId: string | null;
  /** Department handlers: their department. */
  departmentId: string | null;
  /** Grid workers and park operators: materialised paths of their assigned grid nodes. */
  gridPaths: string[];
}
