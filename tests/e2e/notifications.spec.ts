import { createProgramme, uid } from "../factories";
import { createDeliverable } from "../factories/deliverable";
import { createUser } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Issue 18, notifications (helper N): the inbox with its unread count in the
// header, an entry's link that marks it read, "mark all as read", someone
// else's entry answering 404, and the notification settings saved (and bad
// input refused at the field, in the reader's language).

async function note(userId: string, opts: { kind?: "DELIVERABLE_OVERDUE" | "AGREEMENT_EXPIRING"; path: string; title: string; programme: string; minutesAgo: number }) {
  return prisma.notification.create({
    data: {
      userId,
      kind: opts.kind ?? "DELIVERABLE_OVERDUE",
      key: `e2e:${uid()}`,
      entityType: "Deliverable",
      entityId: uid(),
      params: { title: opts.title, programme: opts.programme, date: "2026-11-02" },
      path: opts.path,
      createdAt: new Date(Date.now() - opts.minutesAgo * 60_000),
    },
  });
}

test("the inbox shows the unread count, opening an entry marks it read, and all can be marked read", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"] });
  const deliverable = await createDeliverable(prisma, { programmeId: programme.id, title: `Costing manual ${uid()}` });
  const staff = await loginAs("STAFF");
  const older = await note(staff.id, { kind: "AGREEMENT_EXPIRING", path: "/agreements", title: "Memorandum", programme: programme.code, minutesAgo: 30 });
  const newer = await note(staff.id, { path: `/deliverables/${deliverable.id}`, title: deliverable.title, programme: programme.code, minutesAgo: 5 });
  const { user: other } = await createUser(prisma, { role: "STAFF" });
  const foreign = await note(other.id, { path: "/workspace", title: "Not yours", programme: programme.code, minutesAgo: 1 });

  await page.goto("/workspace");
  const inboxLink = page.getByRole("link", { name: "Inbox, 2 unread" });
  await expect(inboxLink).toBeVisible();
  await inboxLink.click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  await expect(page.getByText("2 unread notifications.")).toBeVisible();
  const entries = page.getByRole("list", { name: "Inbox" }).getByRole("listitem");
  // Newest first.
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText(`The deliverable “${deliverable.title}” (${programme.code}) was due on 2 Nov 2026 and is overdue.`);
  await expect(entries.nth(1)).toContainText(`The agreement “Memorandum” (${programme.code}) expires on 2 Nov 2026.`);
  await page.screenshot({ path: "test-results/notifications-inbox.png", fullPage: true });

  await entries.nth(0).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/deliverables/${deliverable.id}$`));
  await expect(page.getByRole("link", { name: "Inbox, 1 unread" })).toBeVisible();
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: newer.id } })).readAt).not.toBeNull();
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: older.id } })).readAt).toBeNull();

  await page.goto("/inbox");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status").filter({ hasText: "All notifications are marked as read." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: older.id } })).readAt).not.toBeNull();

  // Someone else's entry: not found, and left unread.
  const response = await page.goto(`/inbox/${foreign.id}`);
  expect(response?.status()).toBe(404);
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: foreign.id } })).readAt).toBeNull();
});

test("a partner saves notification settings in Russian; an unknown choice is refused at the field and nothing is saved", async ({ page, loginAs }) => {
  const partner = await loginAs("PARTNER", { countries: ["BY"] });
  await prisma.user.update({ where: { id: partner.id }, data: { locale: "ru" } });

  await page.goto("/account");
  await page.getByRole("link", { name: "Настройки уведомлений" }).click();
  await expect(page.getByRole("heading", { name: "Настройки уведомлений", level: 1 })).toBeVisible();
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  const returned = page.getByLabel("Отчёт о ходе работ возвращён");
  // The role's default: at once, for what the partner must act on.
  await expect(returned).toHaveValue("IMMEDIATE");
  await expect(page.getByLabel("Скоро срок отчёта о ходе работ")).toHaveValue("DIGEST");
  // Staff-only kinds are not offered to a partner.
  await expect(page.getByLabel("Отчёт о ходе работ представлен")).toHaveCount(0);
  await page.screenshot({ path: "test-results/notifications-settings-ru.png", fullPage: true });

  // A value the form does not offer (a tampered page): the field says what is wrong.
  await page.getByLabel("Скоро срок отчёта о ходе работ").evaluate((select: HTMLSelectElement) => {
    const option = document.createElement("option");
    option.value = "LOUD";
    option.textContent = "LOUD";
    select.append(option);
    select.value = "LOUD";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.getByRole("button", { name: "Сохранить настройки" }).click();
  await expect(page.getByText("Выберите: письмо сразу, сводка или только входящие.")).toBeVisible();
  expect(await prisma.notificationPreference.count({ where: { userId: partner.id } })).toBe(0);

  await page.getByLabel("Скоро срок отчёта о ходе работ").selectOption("IMMEDIATE");
  await returned.selectOption("OFF");
  await page.getByLabel("Как часто приходит сводка").selectOption("WEEKLY");
  await page.getByRole("button", { name: "Сохранить настройки" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Настройки уведомлений сохранены." })).toBeVisible();
  const saved = await prisma.notificationPreference.findMany({ where: { userId: partner.id }, orderBy: { kind: "asc" } });
  expect(saved.map((p) => [p.kind, p.channel]).sort()).toEqual([
    ["REPORT_DUE_SOON", "IMMEDIATE"],
    ["REPORT_RETURNED", "OFF"],
  ]);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: partner.id } })).digestFrequency).toBe("WEEKLY");
  await expect(page.getByLabel("Отчёт о ходе работ возвращён")).toHaveValue("OFF");
});

test("the settings refuse bad input without JavaScript too, in the reader's language", async ({ browser, baseURL, loginAs }) => {
  const staff = await loginAs("STAFF");
  await prisma.user.update({ where: { id: staff.id }, data: { locale: "ko" } });
  const response = await (await browser.newContext({ baseURL })).request.post("/account/notifications", {
    headers: { Cookie: staff.cookie },
    form: { "channels.REPORT_SUBMITTED": "LOUD", digestFrequency: "HOURLY" },
  });
  expect(response.status()).toBe(400);
  const body = await response.text();
  expect(body).toContain("즉시 이메일, 요약 메일 또는 받은 알림에만 중에서 선택하십시오.");
  expect(body).toContain("매일, 매주 또는 기본값 중에서 선택하십시오.");
  expect(await prisma.notificationPreference.count({ where: { userId: staff.id } })).toBe(0);
});
