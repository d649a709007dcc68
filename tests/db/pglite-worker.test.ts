import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEmbedded, prisma } from "~/utils/db.server";
import { uniqueViolationFields } from "~/utils/errors.server";
import { createUser } from "../factories";
import { testDb } from "../support/test-env";

// The embedded database in its worker thread (app/db/pglite-worker.mjs,
// docs/decisions/0022-embedded-database-worker-thread.md): Prisma gets the
// same values and the same errors as from PGlite in this thread, transactions
// commit and roll back, and a long query leaves this thread free.

describe.skipIf(testDb() !== "embedded")("the embedded database's worker thread", () => {
  let inThread: PGlite;
  let local: SqlDriverAdapter;
  let remote: SqlDriverAdapter;

  beforeAll(async () => {
    const embedded = await getEmbedded();
    remote = await embedded.adapter();
    inThread = await PGlite.create();
    local = await new PrismaPGlite(inThread).connect();
    await prisma.$executeRawUnsafe(`CREATE TABLE worker_probe (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await inThread?.close();
  });

  it("runs PGlite outside this thread", async () => {
    const embedded = await getEmbedded();
    expect(embedded.thread).toBe("worker");
    expect(embedded.channel).not.toBeNull();
  });

  const query = (sql: string, args: unknown[] = []): SqlQuery => ({ sql, args, argTypes: [] });

  it("gives Prisma's driver adapter the same result sets as PGlite in this thread, type by type", async () => {
    const probes: SqlQuery[] = [
      query(`SELECT
          true AS bool, 7::int2 AS int2, 2147483647::int4 AS int4, 9007199254740993::int8 AS int8,
          1.5::float4 AS float4, 0.1::float8 AS float8, 12345678901234567890.123456789::numeric AS numeric,
          'ü 한 ж'::text AS text, 'x'::varchar(3) AS varchar, 'ab'::char(3) AS bpchar, 'c'::"char" AS chr,
          DATE '2026-02-28' AS date, TIMESTAMP '2026-12-05 03:04:05.678' AS ts,
          TIMESTAMPTZ '2026-12-05 03:04:05.678+00' AS tstz, TIME '12:34:56' AS time,
          '\\x00ff10'::bytea AS bytea, '{"a": [1, "ü", null]}'::json AS json, '{"b": {"c": 1.50}}'::jsonb AS jsonb,
          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS uuid, NULL::text AS nothing`),
      query(`SELECT
          ARRAY[1, 2, NULL]::int4[] AS ints, ARRAY[1, 9007199254740993]::int8[] AS bigints,
          ARRAY['a', 'b,c', NULL, '"q"']::text[] AS texts, ARRAY[DATE '2026-01-01']::date[] AS dates,
          ARRAY[TIMESTAMP '2026-01-01 10:00']::timestamp[] AS stamps, ARRAY['\\x01'::bytea, '\\x'::bytea] AS blobs,
          ARRAY['{"k": 1}'::jsonb] AS docs, ARRAY[1.5, 2.25]::float8[] AS doubles`),
      // Parameters travel too: bytes as a Buffer, as Prisma passes them.
      query(`SELECT $1::bytea AS bytes, $2::numeric AS amount, $3::timestamptz AS at, $4::jsonb AS doc, $5::text[] AS list`, [
        Buffer.from([0, 1, 254, 255]),
        "1234.5600",
        "2026-12-05T03:04:05.678Z",
        JSON.stringify({ ü: [1, 2] }),
        ["x", "y"],
      ]),
      query(`SELECT n, n * 1.5 AS half FROM generate_series(1, 500) AS n`),
    ];
    for (const probe of probes) {
      const expected = await local.queryRaw(probe);
      expect(await remote.queryRaw(probe)).toEqual(expected);
    }
    // The adapter's own refusals come through unchanged too (it has no mapping for timestamptz[]).
    const unsupported = query(`SELECT ARRAY[now()] AS stamps`);
    const refused = await local.queryRaw(unsupported).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: "DriverAdapterError", cause: { kind: "UnsupportedNativeDataType" } });
    await expect(remote.queryRaw(unsupported)).rejects.toEqual(refused);
    const count = query(`CREATE TEMP TABLE IF NOT EXISTS counted AS SELECT n FROM generate_series(1, 3) AS n`);
    expect(await remote.executeRaw(count)).toBe(await local.executeRaw(count));
  });

  it("gives Prisma dates, decimals, big integers, bytes and JSON as it does in this thread", async () => {
    const [row] = await prisma.$queryRaw<
      { at: Date; day: Date; amount: Prisma.Decimal; big: bigint; bytes: Uint8Array; doc: unknown; names: string[] }[]
    >`SELECT TIMESTAMPTZ '2026-12-05 03:04:05.678+00' AS at, DATE '2026-02-28' AS day, 10.25::numeric AS amount,
             9007199254740993::int8 AS big, '\\x00ff'::bytea AS bytes, '{"a": [1, "ü"]}'::jsonb AS doc, ARRAY['a', 'b'] AS names`;
    expect(row.at).toEqual(new Date("2026-12-05T03:04:05.678Z"));
    expect(row.day).toEqual(new Date("2026-02-28T00:00:00.000Z"));
    expect(row.amount).toBeInstanceOf(Prisma.Decimal);
    expect(row.amount.toString()).toBe("10.25");
    expect(row.big).toBe(9007199254740993n);
    expect(Array.from(row.bytes)).toEqual([0, 255]);
    expect(row.doc).toEqual({ a: [1, "ü"] });
    expect(row.names).toEqual(["a", "b"]);
  });

  it("commits an interactive transaction, and rolls one back when it throws", async () => {
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO worker_probe (id, label) VALUES (1, 'kept')`;
      // The transaction's own writes are visible inside it.
      expect(await tx.$queryRaw`SELECT label FROM worker_probe WHERE id = 1`).toEqual([{ label: "kept" }]);
    });
    const failed = await prisma
      .$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO worker_probe (id, label) VALUES (2, 'discarded')`;
        await tx.$executeRaw`UPDATE worker_probe SET label = 'changed' WHERE id = 1`;
        throw new Error("changed my mind");
      })
      .catch((error: unknown) => error);
    expect((failed as Error).message).toBe("changed my mind");
    expect(await prisma.$queryRaw`SELECT id, label FROM worker_probe WHERE id < 10 ORDER BY id`).toEqual([{ id: 1, label: "kept" }]);
  });

  it("reports PostgreSQL's error codes as in this thread: a unique violation inside a transaction rolls it back", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const taken = randomBytes(16).toString("hex");
    const fresh = randomBytes(16).toString("hex");
    await prisma.formSubmission.create({ data: { key: taken, userId: user.id } });
    const violation = await prisma
      .$transaction(async (tx) => {
        await tx.formSubmission.create({ data: { key: fresh, userId: user.id } });
        await tx.formSubmission.create({ data: { key: taken, userId: user.id } });
      })
      .catch((error: unknown) => error);
    expect(uniqueViolationFields(violation)).toEqual(["key"]);
    expect(await prisma.formSubmission.count({ where: { key: fresh } })).toBe(0);
    // And outside Prisma, through the plain client migrations use.
    const { pglite } = await getEmbedded();
    await expect(pglite.query(`SELECT * FROM no_such_table`)).rejects.toMatchObject({ code: "42P01" });
  });

  it("keeps this thread free while a long query runs: a timer set after the query started fires before it ends", async () => {
    const events: string[] = [];
    // Long enough that the worker is still busy when the timer is due; in
    // this thread, PGlite would run it to the end before any timer fires.
    const slow = prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM generate_series(1, 3000000) AS a WHERE a % 7 = 0`.then(
      (rows) => {
        events.push("query");
        return rows;
      },
    );
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      if (ticks === 1) events.push("timer");
    }, 0);
    // A second request's quick query queues behind the long one in the worker (one connection), not in this thread.
    const quick = prisma.$queryRaw`SELECT 1 AS one`.then(() => events.push("second query"));
    const [rows] = await Promise.all([slow, quick]);
    clearInterval(timer);
    expect(rows).toEqual([{ n: 428571n }]);
    expect(events).toEqual(["timer", "query", "second query"]);
  });
});
