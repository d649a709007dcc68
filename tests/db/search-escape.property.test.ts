import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { escapeLike, searchContains } from "~/utils/list-query";

// A property of every list search, on the database the suite runs on: the
// pattern searchContains builds matches a text exactly when the text contains
// the search term literally (ignoring case), whatever characters either holds:
// LIKE's wildcards and escape character, quotes, Cyrillic and Korean.

// Case folding is compared on characters whose upper and lower case agree in
// JavaScript and PostgreSQL (ASCII, Cyrillic, Hangul), plus the metacharacters.
const alphabet = fc.constantFrom(..."aAbB%_\\'\"-. 1дД한".split(""));
const text = fc.string({ unit: alphabet, maxLength: 12 });

describe("searchContains", () => {
  it("matches exactly the texts that contain the term literally", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (haystack, term) => {
        const { contains } = searchContains(term);
        // What Prisma sends for `contains` with mode "insensitive": ILIKE '%' || value || '%'.
        const rows = await prisma.$queryRaw<{ hit: boolean }[]>`SELECT ${haystack} ILIKE ('%' || ${contains} || '%') AS hit`;
        expect(rows[0].hit).toBe(haystack.toLowerCase().includes(term.toLowerCase()));
      }),
      { numRuns: 200 },
    );
  });

  it("finds a term inside any text around it", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, async (before, term, after) => {
        const rows = await prisma.$queryRaw<{ hit: boolean }[]>`SELECT ${before + term + after} ILIKE ('%' || ${escapeLike(term)} || '%') AS hit`;
        expect(rows[0].hit).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
