import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * WAL lets readers carry on while one writer commits. The journal mode is stored in the
 * database file, so setting it once (before the first Prisma connection) holds for all later ones.
 */
export function enableWal(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
