// Prisma's schema engine (migrations, diffs) without the native `schema-engine` binary.
//
// The Prisma CLI downloads that binary from Prisma's CDN, which is unreachable here. The same
// engine is published on npm as WebAssembly (@prisma/schema-engine-wasm); it talks to SQLite
// through the better-sqlite3 driver adapter instead of opening the file itself.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
// The wasm-bindgen glue. The package entry (`@prisma/schema-engine-wasm`) does
// `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 refuses, so we load the
// glue module on its own and hand it a WebAssembly instance we build ourselves.
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg'
import type {
  MigrationFile,
  MigrationList,
  SchemaContainer,
  SchemaEngine,
  SchemaFilter,
} from '@prisma/schema-engine-wasm'

export type { SchemaEngine }

/** Project root: this file lives in <root>/scripts/db/. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma')
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations')

/** What `diff` prints when there is nothing to do. */
export const EMPTY_MIGRATION = '-- This is an empty migration.'

/**
 * Tables Prisma does not model: the case word index, an FTS5 virtual table, and the shadow tables
 * SQLite keeps for it (migration 20261124000800_case_words). Without this a diff would drop them.
 */
export const EXTERNAL_TABLES = ['CaseWords', 'CaseWords_config', 'CaseWords_data', 'CaseWords_docsize', 'CaseWords_idx']
export const schemaFilters: SchemaFilter = { externalTables: EXTERNAL_TABLES, externalEnums: [] }

/**
 * The SQLite file to use: the argument if given, else DATABASE_URL (`file:./path.db`).
 * Relative paths are taken from the project root, not from the current directory.
 */
export function resolveDbFile(fileOrUrl = process.env.DATABASE_URL): string {
  if (!fileOrUrl) throw new Error('No database: pass a file path or set DATABASE_URL=file:./path.db')
  return path.resolve(projectRoot, fileOrUrl.replace(/^file:/, ''))
}

/** The schema as the engine wants it: a list of files (one for us). */
export function readSchemaFiles(file = schemaPath): SchemaContainer[] {
  return [{ path: file, content: readFileSync(file, 'utf8') }]
}

// Instantiate the wasm module once per process: the glue module keeps it in a module-level
// variable, so every SchemaEngine shares it.
let ready: Promise<void> | undefined
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    // The .wasm is not exported by the package; it sits next to the entry file.
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm')
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'))
    const module = await WebAssembly.compile(bytes)
    // The wasm imports its JS helpers from the module name './schema_engine_bg.js'.
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    })
    glue.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
  })()
  return ready
}

export interface BoundEngine {
  engine: SchemaEngine
  /** Frees the engine and closes the SQLite connections it opened. */
  close(): Promise<void>
}

/**
 * A schema engine whose "database" is the given SQLite file (created if missing).
 * Always call close(): engine.free() alone leaves the better-sqlite3 connection open.
 */
export async function openSchemaEngine(dbFile: string, schemaFiles = readSchemaFiles()): Promise<BoundEngine> {
  await loadWasm()
  mkdirSync(path.dirname(dbFile), { recursive: true })

  // Wrap the adapter factory only to remember the connections the engine opens (its own,
  // and an in-memory shadow database if it asks for one), so close() can dispose them.
  const base = new PrismaBetterSqlite3({ url: dbFile })
  const opened: SqlDriverAdapter[] = []
  const remember = (a: SqlDriverAdapter) => (opened.push(a), a)
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => remember(await base.connect()),
    connectToShadowDb: async () => remember(await base.connectToShadowDb()),
  }

  const engine = await glue.SchemaEngine.new(
    { datamodels: schemaFiles.map((f): [string, string] => [f.path, f.content]) },
    () => {}, // log callback: the engine's tracing output, not needed
    // The engine expects the error-capturing wrapper (results instead of thrown errors).
    bindMigrationAwareSqlAdapterFactory(factory),
  )
  return {
    engine,
    async close() {
      engine.free()
      await Promise.all(opened.map((a) => a.dispose()))
    },
  }
}

/**
 * prisma/migrations as the engine wants it: the <timestamp>_<name> folders sorted by name,
 * each with its migration.sql, plus migration_lock.toml if present.
 */
export function readMigrationsList(dir = migrationsDir): MigrationList {
  const lockPath = path.join(dir, 'migration_lock.toml')
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : []
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: readMigrationFile(path.join(dir, name, 'migration.sql')) },
    })),
  }
}

// The engine reports unreadable files itself, naming the folder.
function readMigrationFile(file: string): MigrationFile['content'] {
  try {
    return { tag: 'ok', value: readFileSync(file, 'utf8') }
  } catch (e) {
    return { tag: 'error', value: String(e) }
  }
}
