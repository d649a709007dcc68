import type { Page } from "@playwright/test";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { createDeliverable, daysFromToday } from "../factories/deliverable";
import { uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Issue 7, item 4: colour is never the only signal for status (WCAG 1.4.1).
// On the pages that show statuses, every element painted in a status colour
// (red, orange, amber, green: not the neutral greys nor the brand blues of
// links and buttons) must say in words what it marks: either it holds text
// itself ("Overdue", "Implementation"), or it is a swatch hidden from
// assistive technology beside its label (a chart legend), or it is part of a
// chart that has a text alternative (role="img" with a name) — the chart's
// table or sentence gives the numbers. And where lateness is shown, the word
// is there: "Overdue" beside an overdue deliverable.

/** Elements in a status colour that carry no words. Runs in the page. */
function unlabelledColour(): string[] {
  const hue = (colour: string): number | null => {
    const m = colour.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    if (!m) return null;
    if (m[4] !== undefined && Number(m[4]) < 0.1) return null;
    const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number(x) / 255);
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    if (d < 0.15) return null; // a grey
    let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h *= 60;
    return h < 0 ? h + 360 : h;
  };
  const isStatusHue = (h: number | null) => h !== null && (h < 170 || h > 300);
  const problems: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement | SVGElement>("body *")) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const painted = [style.backgroundColor, el instanceof SVGElement ? style.fill : "", el instanceof SVGElement ? "" : style.color];
    if (!painted.some((c) => c && isStatusHue(hue(c)))) continue;
    if ((el.textContent ?? "").trim() !== "") continue;
    if (el.closest("[role=img][aria-label], [role=img][aria-labelledby]")) continue;
    const hidden = el.closest("[aria-hidden=true]");
    if (hidden && (hidden.parentElement?.textContent ?? "").trim() !== "") continue;
    problems.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> in "${(el.parentElement?.textContent ?? "").trim().slice(0, 60)}"`);
  }
  return problems;
}

async function check(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  return (await page.evaluate(unlabelledColour)).map((p) => `${path}: ${p}`);
}

let portfolios: AuthzPortfolios;
let overdueTitle: string;
test.beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
  const r = portfolios.sides.BY.records;
  overdueTitle = `Overdue costing report ${uid()}`;
  await createDeliverable(prisma, { programmeId: r.programme.id, title: overdueTitle, dueDate: daysFromToday(-12), status: "IN_PROGRESS" });
  await createDeliverable(prisma, { programmeId: r.programme.id, dueDate: daysFromToday(5), status: "NOT_STARTED" });
});

test("the check finds a status colour without words (self-test)", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  await page.goto("/workspace");
  expect(await page.evaluate(unlabelledColour)).toEqual([]);
  // The page may still be hydrating (its messages load first): hydration
  // that meets a node it did not render throws the page's DOM away and renders
  // it again, dot gone (CI at load 11 saw exactly that). So the dot is put
  // back until the check has seen it.
  await expect
    .poll(async () => {
      await page.evaluate(() => {
        if (document.querySelector("main .status-dot")) return;
        const dot = document.createElement("span");
        dot.setAttribute("class", "status-dot");
        dot.style.cssText = "display:inline-block;width:10px;height:10px;background:#dc2626";
        document.querySelector("main")!.append(dot);
      });
      return page.evaluate(unlabelledColour);
    })
    .toEqual([expect.stringContaining('class="status-dot"')]);
});

test("staff pages say every status in words", async ({ page, loginAs }) => {
  const code = portfolios.sides.BY.records.programme.code!;
  await loginAs("STAFF");
  const problems: string[] = [];
  for (const path of ["/workspace", "/portfolio", "/programmes", `/programmes/${code}`, "/activities", "/deliverables", "/outcomes", "/indicators", "/funding", "/agreements"]) {
    problems.push(...(await check(page, path)));
  }
  expect(problems).toEqual([]);
  await page.goto(`/deliverables?q=${encodeURIComponent(overdueTitle)}`);
  await expect(page.getByRole("row", { name: new RegExp(overdueTitle) })).toContainText("Overdue");
});

test("the partner portal and the donor page say every status in words", async ({ page, loginAs, context, baseURL }) => {
  const code = portfolios.sides.BY.records.programme.code!;
  await loginAs("PARTNER", { countries: ["BY"] });
  const problems: string[] = [];
  for (const path of ["/portal", `/portal/programmes/${code}`]) problems.push(...(await check(page, path)));
  await expect(page.getByRole("listitem").filter({ hasText: overdueTitle })).toContainText("Overdue");
  await context.clearCookies();
  expect(baseURL).toBeTruthy();
  await loginAs("DONOR", { organisationIds: [portfolios.fundA.id] });
  problems.push(...(await check(page, "/donor")));
  expect(problems).toEqual([]);
});
