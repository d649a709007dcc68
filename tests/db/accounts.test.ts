import { simpleParser } from "mailparser";
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readSessionState, startSession } from "~/auth/session.server";
import { verifyPassword } from "~/auth/password.server";
import { PASSWORD_MESSAGES } from "~/auth/password-policy.server";
import { acceptInvitation, changePassword, openInvitation, requestPasswordReset, resetPassword, RESET_LIMITS } from "~/models/account.server";
import { ctxFor, requestSourceFor } from "~/models/ctx.server";
import { inviteUser } from "~/models/user-admin.server";
import { runDueJobs } from "~/jobs/worker.server";
import { authenticate } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { outboxDir } from "~/utils/mail.server";
import { createLink } from "../factories/accounts";
import { createOrganisation, createProgramme, createUser, ensureCountries } from "../factories";

// Without SMTP_URL (as here) mail is written to the outbox as .eml files;
// these tests read them back with mailparser and follow the link. Mail is a
// background job: the tests run the due jobs (runDueJobs) before reading.
const origin = "https://concord.test";
const ip = "203.0.113.9";
/** The request of someone not signed in (accepting an invitation, resetting a password). */
const source = requestSourceFor({ ip, userAgent: "vitest", requestId: "accounts-test" });
/** An administrator's context, for inviting. */
const adminCtx = (u: { id: string; email: string }) => ctxFor({ id: u.id, email: u.email, role: "ADMIN" }, { kind: "staff" }, { ip });

async function latestMailTo(address: string) {
  const dir = outboxDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort() : [];
  for (const f of files.reverse()) {
    const mail = await simpleParser(fs.readFileSync(path.join(dir, f)));
    const to = Array.isArray(mail.to) ? mail.to.flatMap((t) => t.value) : (mail.to?.value ?? []);
    if (to.some((t) => t.address?.toLowerCase() === address.toLowerCase())) return mail;
  }
  return null;
}

const tokenFrom = (text: string, prefix: string) => new RegExp(`${origin}${prefix}([A-Za-z0-9_-]{43})`).exec(text)?.[1] ?? null;

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("invitations", () => {
  it("store only the SHA-256 of the link's token, mail the link, and create the account with its role and scope", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    await ensureCountries(prisma, ["KZ", "BY"]);
    const email = `kz-partner-${Date.now()}@health.gov.kz`;
    const { id } = await inviteUser(adminCtx(admin), { email, name: "Aigerim", role: "PARTNER", countries: ["KZ"], organisationIds: [] }, origin);
    expect(await latestMailTo(email)).toBeNull();
    expect(await runDueJobs()).toBe(1);
    const mail = await latestMailTo(email);
    expect(mail?.subject).toBe("You are invited to Concord");
    expect(mail?.text?.replace(/\s+/g, " ")).toContain("Partner ministry for Kazakhstan");
    expect(mail?.html).toContain(`href="${origin}/invitations/`);
    const token = tokenFrom(mail!.text!, "/invitations/");
    expect(token).not.toBeNull();

    // The raw token is nowhere in the database; its hash is.
    const row = await prisma.authToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token!);
    const dump =
      JSON.stringify(await prisma.authToken.findMany()) + JSON.stringify(await prisma.auditEvent.findMany()) + JSON.stringify(await prisma.job.findMany());
    expect(dump).not.toContain(token!);

    const opened = await openInvitation(token!);
    expect(opened).toMatchObject({ state: "valid", invitation: { email, role: "PARTNER", countries: ["Kazakhstan"] } });

    await expect(acceptInvitation(token!, { name: "Aigerim S.", password: "password1" }, source)).rejects.toThrow(PASSWORD_MESSAGES.common);
    const accepted = await acceptInvitation(token!, { name: "Aigerim S.", password: "steppe river lantern" }, source);
    expect(accepted.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { countries: true } });
    expect(user).toMatchObject({ name: "Aigerim S.", role: "PARTNER" });
    expect(user.countries.map((c) => c.countryCode)).toEqual(["KZ"]);
    expect(await verifyPassword(user.passwordHash!, "steppe river lantern")).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "invitation_accepted", entityId: user.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "user_invited", entityId: id, actorId: admin.id } })).toBe(1);

    // Single use.
    expect(await openInvitation(token!)).toEqual({ state: "used" });
    expect(await acceptInvitation(token!, { name: "Someone", password: "another long phrase" }, source)).toEqual({ ok: false, state: "used" });
  });

  it("refuses an address that already has an account, and replaces the earlier link when inviting again", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    const actor = adminCtx(admin);
    const { user: existing } = await createUser(prisma, { role: "STAFF" });
    const mailJobs = await prisma.job.count({ where: { name: "mail" } });
    const refused = inviteUser(actor, { email: existing.email, name: "X", role: "STAFF", countries: [], organisationIds: [] }, origin);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ details: { field: "email" } });
    // Only an administrator invites, whatever the route checked.
    const staffCtx = ctxFor({ id: existing.id, email: existing.email, role: "STAFF" }, { kind: "staff" }, { ip });
    await expect(inviteUser(staffCtx, { email: `nope-${Date.now()}@test.concord`, name: "N", role: "STAFF", countries: [], organisationIds: [] }, origin)).rejects.toMatchObject({
      code: "forbidden",
    });
    // The refused invitation's transaction rolled back: no mail was queued.
    expect(await prisma.job.count({ where: { name: "mail" } })).toBe(mailJobs);

    const email = `twice-${Date.now()}@test.concord`;
    await inviteUser(actor, { email, name: "Twice", role: "STAFF", countries: [], organisationIds: [] }, origin);
    await runDueJobs();
    const first = tokenFrom((await latestMailTo(email))!.text!, "/invitations/")!;
    await inviteUser(actor, { email, name: "Twice", role: "STAFF", countries: [], organisationIds: [] }, origin);
    await runDueJobs();
    const second = tokenFrom((await latestMailTo(email))!.text!, "/invitations/")!;
    expect(second).not.toBe(first);
    expect(await openInvitation(first)).toEqual({ state: "unknown" });
    expect((await openInvitation(second)).state).toBe("valid");
    expect(await prisma.authToken.count({ where: { email, purpose: "INVITATION" } })).toBe(1);
  });

  it("refuses a donor scope that is not a funding organisation", async () => {
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    const notFunder = await createOrganisation(prisma);
    const funder = await createOrganisation(prisma);
    await createProgramme(prisma, { funders: [funder.id] });
    const invite = (orgId: string) =>
      inviteUser(adminCtx(admin), { email: `d-${orgId}@test.concord`, name: "D", role: "DONOR", countries: [], organisationIds: [orgId] }, origin);
    await expect(invite(notFunder.id)).rejects.toMatchObject({ details: { field: "organisationIds" } });
    await expect(invite(funder.id)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("an expired or unknown link is refused", async () => {
    const expired = await createLink(prisma, { purpose: "INVITATION", expiresInMs: -1000 });
    expect(await openInvitation(expired.token)).toEqual({ state: "expired" });
    expect(await acceptInvitation(expired.token, { name: "Late", password: "steady copper meadow" }, source)).toEqual({ ok: false, state: "expired" });
    expect(await openInvitation("not-a-token")).toEqual({ state: "unknown" });
    expect(await openInvitation("A".repeat(43))).toEqual({ state: "unknown" });
    expect(await prisma.user.count({ where: { email: expired.email } })).toBe(0);
  });
});

describe("password reset", () => {
  it("mails a one-hour single-use link, sets the password and ends every session", async () => {
    const { user } = await createUser(prisma, { role: "DONOR", email: `reset-${Date.now()}@fund.test` });
    const cookie = (await startSession(user.id, { ip, userAgent: "old laptop" })).split(";")[0];
    const asked = await requestPasswordReset(user.email.toUpperCase(), source, origin);
    expect(asked.status).toBe("accepted");
    // Queued in the transaction that made the link, sealed: the link is not in the job table.
    const queued = await prisma.job.findFirstOrThrow({ where: { name: "mail", state: "QUEUED" }, orderBy: { createdAt: "desc" } });
    await runDueJobs();
    const mail = await latestMailTo(user.email);
    expect(mail?.subject).toBe("Reset your Concord password");
    const token = tokenFrom(mail!.text!, "/reset-password/")!;
    expect(JSON.stringify(queued.payload)).not.toContain(token);
    expect(JSON.stringify(queued.payload)).not.toContain(user.email);
    // Sent once, and the sealed message is gone from the table.
    expect(await prisma.job.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ state: "DONE", payload: null, attempts: 1 });
    const row = await prisma.authToken.findFirstOrThrow({ where: { userId: user.id, purpose: "PASSWORD_RESET" } });
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);

    await expect(resetPassword(token, "12345678", source)).rejects.toThrow(PASSWORD_MESSAGES.common);
    const done = await resetPassword(token, "quiet harbour morning", source);
    expect(done.ok).toBe(true);
    expect((await readSessionState(new Request("http://x/", { headers: { Cookie: cookie } }))).user).toBeNull();
    expect((await authenticate(user.email, "quiet harbour morning", source)).ok).toBe(true);
    expect(await resetPassword(token, "another quiet phrase", source)).toEqual({ ok: false, state: "used" });
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: { in: ["password_reset_requested", "password_reset"] } } })).toBe(2);
    // Nobody is signed in: the events name the request, not an acting session.
    const events = await prisma.auditEvent.findMany({
      where: { entityId: user.id, action: { in: ["password_reset_requested", "password_reset"] } },
      select: { ip: true, userAgent: true, requestId: true },
    });
    expect(events).toEqual([0, 1].map(() => ({ ip, userAgent: "vitest", requestId: "accounts-test" })));
  });

  it("answers the same for unknown and deactivated accounts, mails them nothing, and is rate-limited per address", async () => {
    const { user: gone } = await createUser(prisma, { role: "PARTNER", countries: ["BY"], deactivated: true });
    for (const email of [gone.email, `nobody-${Date.now()}@test.concord`]) {
      const r = await requestPasswordReset(email, source, origin);
      expect(r.status).toBe("accepted");
      await runDueJobs();
      expect(await latestMailTo(email)).toBeNull();
    }
    expect(await prisma.authToken.count({ where: { userId: gone.id } })).toBe(0);

    const { user } = await createUser(prisma, { role: "STAFF" });
    for (let i = 0; i < RESET_LIMITS.perAddress; i++) {
      expect((await requestPasswordReset(user.email, requestSourceFor({ ip: `198.51.100.${i}` }), origin)).status).toBe("accepted");
    }
    expect((await requestPasswordReset(user.email, requestSourceFor({ ip: "198.51.100.200" }), origin)).status).toBe("limited");
  });
});

describe("changing one's password", () => {
  it("needs the current password, applies the policy and ends all sessions", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"], email: `olga.petrova-${Date.now()}@minzdrav.by` });
    const self = ctxFor({ id: user.id, email: user.email, role: user.role }, { kind: "partner", countries: ["BY"] }, { ip });
    await startSession(user.id, { ip, userAgent: "phone" });
    await expect(changePassword(self, { current: "wrong password", password: "amber forest tide" })).rejects.toMatchObject({
      details: { field: "current" },
    });
    await expect(changePassword(self, { current: password, password: `${user.email.split("@")[0]}!!` })).rejects.toThrow(PASSWORD_MESSAGES.email);
    await changePassword(self, { current: password, password: "amber forest tide" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await authenticate(user.email, "amber forest tide", source)).ok).toBe(true);
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "password_changed" } })).toBe(1);
  });
});

describe("mail over SMTP", () => {
  let server: SMTPServer;
  const received: { to: string[]; subject: string; text: string }[] = [];
  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      logger: false,
      onData(stream, session, cb) {
        simpleParser(stream).then((m) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? "", text: m.text ?? "" });
          cb();
        }, cb);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("goes to the server named by SMTP_URL, as text and HTML, from MAIL_FROM", async () => {
    const port = (server.server.address() as { port: number }).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.MAIL_FROM = "Concord <no-reply@concord.test>";
    vi.resetModules();
    try {
      const mail = await import("~/utils/mail.server");
      const sent = await mail.sendMail({ to: "someone@test.concord", subject: "Hello <there>", paragraphs: ["Line <b>one</b>"], action: { label: "Go", url: "https://concord.test/x?a=1&b=2" } });
      expect(sent.file).toBeNull();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ to: ["someone@test.concord"], subject: "Hello <there>" });
      expect(received[0].text).toContain("https://concord.test/x?a=1&b=2");
      expect(mail.renderHtml({ to: "", subject: "", paragraphs: ["<script>x</script>"] })).toContain("&lt;script&gt;");
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
      vi.resetModules();
    }
  });
});
