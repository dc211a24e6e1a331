// Whether the database has members yet, asked over one plain connection: the demo seed (and
// the Prisma client it writes with) is imported only when it has none (decision 042).
import pg from "pg";

export async function hasMembers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM "User") AS any');
    return rows[0]!.any;
  } finally {
    await client.end();
  }
}
