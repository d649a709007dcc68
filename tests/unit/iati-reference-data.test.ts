import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import codelists from "~/data/iati/codelists/index.server";
import mapping from "~/data/iati/codelist-mapping";
import standard from "~/data/iati/ruleset-standard";
import { IATI_CODELIST_DIR, IATI_DIR } from "../support/iati-validate";

// app/data/iati is Concord's copy of the IATI 2.03 reference data (made by
// scripts/iati-reference-data.py) because the running app cannot rely on
// ../shared being there. This test holds the copy to its source, so a
// codelist or ruleset update that was not regenerated fails here. The source
// is the workplace's ../shared/iati/2.03 beside the checkout (CI has it); a
// checkout without it (a clone elsewhere) skips this file and says why.

const SOURCE_PRESENT = fs.existsSync(IATI_CODELIST_DIR);

function sourceItems(file: string): { code: string; withdrawn: boolean }[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/<codelist-item(\s[^>]*)?>[\s\S]*?<code>([^<]+)<\/code>/g)].map((m) => ({
    code: m[2].trim(),
    withdrawn: /status="(?!active)/.test(m[1] ?? ""),
  }));
}

describe.skipIf(!SOURCE_PRESENT)(`app/data/iati copy of the IATI 2.03 reference data${SOURCE_PRESENT ? "" : ` (skipped: no ${IATI_DIR} beside this checkout)`}`, () => {
  const files = (SOURCE_PRESENT ? ["embedded", "non-embedded"] : []).flatMap((dir) =>
    fs
      .readdirSync(path.join(IATI_CODELIST_DIR, dir))
      .filter((f) => f.endsWith(".xml"))
      .map((f) => ({ dir, file: f })),
  );

  it("holds every codelist of the source", () => {
    expect(files.length).toBeGreaterThan(60);
    const names = files.map(({ dir, file }) => fs.readFileSync(path.join(IATI_CODELIST_DIR, dir, file), "utf8").match(/<codelist name="([^"]+)"/)![1]);
    expect(Object.keys(codelists).sort()).toEqual(names.sort());
  });

  it.each(files)("$dir/$file: same codes and statuses", ({ dir, file }) => {
    const source = sourceItems(path.join(IATI_CODELIST_DIR, dir, file));
    const name = fs.readFileSync(path.join(IATI_CODELIST_DIR, dir, file), "utf8").match(/<codelist name="([^"]+)"/)![1];
    const copy = (codelists as Record<string, { items: { code: string; withdrawn?: boolean }[] }>)[name];
    expect(copy.items.map((i) => ({ code: i.code, withdrawn: i.withdrawn === true }))).toEqual(source);
  });

  it("holds the Validator's ruleset as it is", () => {
    const source = JSON.parse(fs.readFileSync(path.join(IATI_DIR, "rulesets/standard.json"), "utf8"));
    expect(standard.ruleset).toEqual(source);
  });

  it("holds every mapping of the codelist mapping", () => {
    const text = fs.readFileSync(path.join(IATI_DIR, "rulesets/codelist-mapping.xml"), "utf8");
    const source = [...text.matchAll(/<mapping>([\s\S]*?)<\/mapping>/g)].map((m) => ({
      path: m[1].match(/<path>([\s\S]*?)<\/path>/)![1].trim(),
      codelist: m[1].match(/<codelist ref="([^"]+)"/)![1],
      condition: m[1].match(/<condition>([\s\S]*?)<\/condition>/)?.[1].trim(),
    }));
    expect(mapping.mappings.map((m) => ({ path: m.path, codelist: m.codelist, condition: (m as { condition?: string }).condition }))).toEqual(source);
  });
});
