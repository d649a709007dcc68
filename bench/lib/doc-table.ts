import fs from "node:fs";
import path from "node:path";

// The figures of the latest full run, written into docs/performance.md
// between two markers of the scenario's name, so the document shows what the
// benchmark measured rather than what someone copied from it.

export const PERFORMANCE_DOC = path.resolve("docs", "performance.md");

/** Replaces the text between the scenario's markers (appending them if missing); says what it did. */
export function updatePerformanceDoc(scenario: string, markdown: string, file = PERFORMANCE_DOC): string {
  const start = `<!-- bench:${scenario}:start -->`;
  const end = `<!-- bench:${scenario}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  return `${path.relative(process.cwd(), file)}: the "${scenario}" figures were updated.`;
}
