import { createProgramme, createUser, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { expect, prisma, test } from "./support/fixtures";

// Issue 5 item 7: sign-ins, failed sign-ins, role changes and exports are in
// the audit trail; admins filter it and download exactly the filtered rows.

test.describe("audit trail", () => {
  test("filters by action, actor and text; the CSV holds the filtered rows; the export is itself recorded", async ({ page, loginAs, browser }) => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"], email: `audited.${Date.now()}@minzdrav.by` });
    // A failed and a successful sign-in through the form.
    const someone = await browser.newContext();
    const s = await someone.newPage();
    await s.goto("/sign-in");
    await s.getByLabel("E-mail address").fill(user.email);
    await s.getByLabel("Password").fill("not the password");
    await s.getByRole("button", { name: "Sign in" }).click();
    await expect(s.getByRole("alert")).toBeVisible();
    await s.getByLabel("Password").fill(password);
    await s.getByRole("button", { name: "Sign in" }).click();
    await expect(s).toHaveURL(/\/portal$/);
    await someone.close();

    const admin = await loginAs("ADMIN");
    await page.goto(`/admin/users/${user.id}`);
    await expect(page.getByText("Failed sign-in").first()).toBeVisible();

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
    await page.getByLabel("Search everything").fill(user.email);
    await page.getByLabel("Action").selectOption("sign_in_failed");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/action=sign_in_failed/);
    const rows = page.getByRole("table", { name: "Audit events" }).getByRole("row");
    await expect(rows).toHaveCount(2); // header + one event
    await expect(rows.nth(1)).toContainText("Failed sign-in");
    await expect(rows.nth(1)).toContainText(`e-mail: ${user.email}`);
    await expect(rows.nth(1).getByRole("link", { name: /User/ })).toHaveAttribute("href", `/admin/users/${user.id}`);

    const href = await page.getByRole("link", { name: /Download CSV \(1 row\)/ }).getAttribute("href");
    const csv = await (await page.request.get(href!)).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Actor,Action,Record,Record ID,IP address,Details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Failed sign-in");
    expect(lines[1]).toContain(user.email);

    // The successful sign-in, by actor.
    await page.goto(`/admin/audit?actor=${encodeURIComponent(user.email)}&action=sign_in`);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("Signed in");

    // The export shows up, with what was filtered.
    await page.goto(`/admin/audit?action=export&actor=${encodeURIComponent(admin.email)}`);
    await expect(rows.nth(1)).toContainText("Exported");
    await expect(rows.nth(1)).toContainText("format: csv");
    await expect(rows.nth(1)).toContainText("action sign_in_failed");
  });

  test("role changes read as before → after, and the page offers no way to edit or delete", async ({ page, loginAs }) => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const admin = await loginAs("ADMIN");
    await page.goto(`/admin/users/${user.id}/edit`, { waitUntil: "networkidle" });
    await page.getByLabel("Role").selectOption("STAFF");
    await page.getByRole("button", { name: "Save role and scope" }).click();
    await expect(page.getByRole("status")).toContainText("Role and scope saved");

    await page.goto(`/admin/audit?action=role_change&q=${user.id}`);
    const row = page.getByRole("table", { name: "Audit events" }).getByRole("row").nth(1);
    await expect(row).toContainText(admin.email);
    await expect(row).toContainText("role: Partner ministry → Cooperation-centre staff");
    await expect(row).toContainText("scope: Belarus → (none)");
    await expect(page.getByRole("button", { name: /delete|edit/i })).toHaveCount(0);
    const post = await page.request.post("/admin/audit", { form: { intent: "delete" }, maxRedirects: 0 });
    expect(post.status()).toBe(405);
  });

  test("records are named by their titles with a link, and coded values by their labels, on the page and in the CSV", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma);
    const activity = await createActivity(prisma, { programmeId: programme.id, title: `Study visit to Seoul ${uid()}`, kind: "STUDY_VISIT" });
    await loginAs("ADMIN");
    await page.goto(`/activities/${activity.id}/edit`);
    await page.getByLabel("Kind").selectOption({ label: "Workshop" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    // The record's own history names the kinds too.
    await expect(page.getByText("Kind: Study visit → Workshop", { exact: true })).toBeVisible();

    await page.goto(`/admin/audit?action=update&q=${activity.id}`);
    const rows = page.getByRole("table", { name: "Audit events" }).getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1).getByRole("link", { name: `Activity: ${activity.title}` })).toHaveAttribute("href", `/activities/${activity.id}`);
    await expect(rows.nth(1)).toContainText("Kind: Study visit → Workshop");
    await expect(rows.nth(1)).not.toContainText(activity.id);
    await expect(rows.nth(1)).not.toContainText("STUDY_VISIT");

    const href = await page.getByRole("link", { name: /Download CSV \(1 row\)/ }).getAttribute("href");
    const csv = (await (await page.request.get(href!)).text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0]).toBe("Time (UTC),Actor,Action,Record,Record ID,IP address,Details");
    expect(csv[1]).toContain(`Activity: ${activity.title},${activity.id},`);
    expect(csv[1]).toContain("Kind: Study visit → Workshop");
  });
});
