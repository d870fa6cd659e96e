// Apply prisma/migrations to a SQLite file: our stand-in for `prisma migrate deploy`.
//
//   tsx scripts/db/migrate.ts [db-file]      (default: DATABASE_URL, e.g. file:./data/dev.db)
//
// The engine records applied migrations in Prisma's own `_prisma_migrations` table, so the
// real `prisma migrate deploy` can take over wherever its binary can be downloaded.
import { pathToFileURL } from 'node:url'
import { enableWal } from '~/utils/sqlite-file.server'
import {
  migrationsDir,
  schemaFilters,
  openSchemaEngine,
  projectRoot,
  readMigrationsList,
  readSchemaFiles,
  resolveDbFile,
} from './schema-engine'

/** Applies the migrations not yet in the database; returns their folder names (empty if none). */
/** For start-up: DATABASE_URL in, names applied out. */
export function migrateDatabase(databaseUrl: string): Promise<string[]> {
  return applyMigrations(resolveDbFile(databaseUrl))
}

export async function applyMigrations(dbFile: string, dir = migrationsDir): Promise<string[]> {
  // Before the engine connects: switching the journal mode needs the file to itself.
  enableWal(dbFile)
  const { engine, close } = await openSchemaEngine(dbFile)
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationsList(dir),
      filters: schemaFilters,
    })
    return appliedMigrationNames
  } finally {
    await close()
  }
}

/**
 * The SQL (trimmed) that would bring the database to prisma/schema.prisma, or EMPTY_MIGRATION
 * ("-- This is an empty migration.") when they already match. Used by the drift test and,
 * on a scratch database, to write the next migration.
 */
export async function diffDatabaseAgainstSchema(dbFile: string, schemaFiles = readSchemaFiles()): Promise<string> {
  const { engine, close } = await openSchemaEngine(dbFile, schemaFiles)
  try {
    const { stdout } = await engine.diff({
      // 'schemaDatasource' = the live database behind the adapter (Prisma's own
      // _prisma_migrations table is ignored). configDir only matters for URLs in the schema.
      from: { tag: 'schemaDatasource', files: schemaFiles, configDir: projectRoot },
      to: { tag: 'schemaDatamodel', files: schemaFiles },
      script: true,
      exitCode: null,
      filters: schemaFilters,
    })
    return (stdout ?? '').trim()
  } finally {
    await close()
  }
}

// CLI entry (only when run directly, not when imported by tests or other scripts).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dbFile = resolveDbFile(process.argv[2])
  const applied = await applyMigrations(dbFile)
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${dbFile}:\n  ${applied.join('\n  ')}`
      : `${dbFile} is up to date.`,
  )
}
