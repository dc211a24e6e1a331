// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), which needs no binary
// download: it turns "this live database → prisma/schema.prisma" into the SQL Prisma Migrate
// would write. Used by `npm run db:migration` and the schema-drift test; never at run time.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindings: Promise<Bindings> | undefined;
let lastPanic = "";

/** The SQL that turns the database at `url` into what `schema` (schema.prisma text) says. */
export async function diffDatabaseToSchema(
  url: string,
  schema: string,
): Promise<{ sql: string; empty: boolean }> {
  const files = [{ path: "schema.prisma", content: schema }];
  return withSchemaEngine(url, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true, // 2 when there is a difference
      filters: { externalTables: [], externalEnums: [] },
    });
    return { sql: result.stdout ?? "", empty: result.exitCode === 0 };
  });
}

/** Runs `fn` with an engine connected to `url`; the engine and its connections are closed after. */
export async function withSchemaEngine<T>(
  url: string,
  schema: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const adapters: SqlDriverAdapter[] = [];
  const engine: SchemaEngine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {}, // the engine's own tracing lines
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, adapters)),
  );
  try {
    return await fn(engine);
  } catch (error) {
    throw new Error(
      `Prisma's schema engine failed: ${(error as Error).message}${lastPanic ? ` (${lastPanic})` : ""}`,
    );
  } finally {
    engine.free();
    await Promise.all(adapters.map((a) => a.dispose().catch(() => {})));
  }
}

/** A migrations folder in the shape the engine takes (what Prisma's CLI reads from disk). */
export function migrationList(dir: string): MigrationList {
  const lockfile = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockfile) ? fs.readFileSync(lockfile, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
        },
      })),
  };
}

/**
 * Node 20 cannot `import` a .wasm file (the package's entry does), so we instantiate it
 * ourselves with the package's JS glue, as its generated entry would.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    // A Rust panic reports its message here before the engine aborts.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => void (lastPanic = message),
    };
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const jsFile = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = fs.readFileSync(path.join(path.dirname(jsFile), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

/**
 * @prisma/adapter-pg rejects Postgres' internal one-byte "char" type (oid 18), which the
 * engine's introspection selects (pg_constraint.contype) and expects as a Character column.
 * We let those columns through as text and label them Character. No shadow database: we
 * always diff a database the caller has already migrated.
 */
function adapterFactory(url: string, adapters: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const pgFactory = new PrismaPg({ connectionString: url });
  return {
    provider: "postgres",
    adapterName: pgFactory.adapterName,
    async connect() {
      const adapter = withWholeScripts(withCharColumns(await pgFactory.connect()));
      adapters.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      throw new Error("no shadow database: diff against a migrated database instead");
    },
  };
}

type Field = { dataTypeID: number };
type Internals = { performIO(query: SqlQuery): Promise<{ fields: Field[] }> };

function withCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  const queryRaw = adapter.queryRaw;
  const performIO = (adapter as unknown as Internals).performIO;
  adapter.queryRaw = async function (query: SqlQuery): Promise<SqlResultSet> {
    let charColumns: number[] = [];
    // Per call, so concurrent queries cannot mix up their columns.
    const view = Object.create(adapter, {
      performIO: {
        value: async (q: SqlQuery) => {
          const result = await performIO.call(adapter, q);
          charColumns = result.fields.flatMap((f, i) => (f.dataTypeID === 18 ? [i] : []));
          result.fields = result.fields.map((f) => (f.dataTypeID === 18 ? { ...f, dataTypeID: 25 } : f));
          return result;
        },
      },
    }) as T;
    const result = await queryRaw.call(view, query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

type ScriptInternals = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };

/**
 * @prisma/adapter-pg runs a migration script by cutting it at every ";", also inside a
 * function body ($$ … ; … $$), which Postgres then refuses. Prisma's native engine sends the
 * script whole, and so does this: one simple-protocol query, as our own migrator does.
 */
function withWholeScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const internals = adapter as unknown as ScriptInternals;
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}
