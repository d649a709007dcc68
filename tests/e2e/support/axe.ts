import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// WCAG 2.2 A and AA as axe-core knows them (issue 7, item 4; issue 21,
// point 2): the tags every page-wide scan uses (a11y.spec.ts,
// a11y-new-work.spec.ts).

export const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * The page's violations as it is now, one line each, named by `label` (its
 * path and state); only in the elements `include` selects, when given (an
 * open menu: what it covers of the page is not what is checked).
 */
export async function violations(page: Page, label: string, include?: string): Promise<string[]> {
  // Legacy mode: axe.run() in the page itself. The default opens a blank page
  // per scan to put the frames' results together (axe.finishRun), which is
  // there for cross-origin frames; Concord's pages have none, and the blank
  // page was half of each scan's time (0.7 of 1.5 s a page).
  const builder = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true);
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations.map(
    (v) => `${label}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.help} — e.g. ${v.nodes[0]?.target.join(" ")}: ${v.nodes[0]?.failureSummary?.split("\n").slice(0, 2).join(" ")}`,
  );
}
