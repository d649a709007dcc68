// Run by tests/process/sigkill-atomicity.test.ts as a separate process, which
// it then kills with SIGKILL at a random moment:
//   tsx tests/process/sigkill-writer.ts <run-id>
// Creates programmes through the app's own model function (one transaction:
// the programme, its organisations, countries and sectors, and its audit
// event) in a loop, printing "committed <code>" after each commit returns.
import { createProgramme } from "../../app/models/programme-admin.server";
import { ctxFor } from "../../app/models/ctx.server";
import { ProgrammeFormSchema } from "../../app/schemas/programme";
import { prisma } from "../../app/utils/db.server";
import { createOrganisation, createUser, ensureCountries } from "../factories";
import { KILL_COUNTRIES, KILL_ORGANISATIONS, KILL_SECTORS } from "./process-fixtures";


async function main() {
  const run = process.argv[2] ?? "X";
  await ensureCountries(prisma, KILL_COUNTRIES);
  const orgs = [];
  for (let i = 0; i < KILL_ORGANISATIONS; i++) orgs.push(await createOrganisation(prisma));
  const { user } = await createUser(prisma, { role: "STAFF" });
  const actor = { id: user.id, email: user.email };
  console.log("ready");
  for (let i = 1; ; i++) {
    const code = `KILL-${run}-${i}`;
    const data = await ProgrammeFormSchema.parseAsync({
      code,
      title: `Killed mid-write ${i}`,
      description: "Written in a loop until SIGKILL. ".repeat(40),
      status: "IMPLEMENTATION",
      organisations: orgs.map((o, n) => ({ organisationId: o.id, role: ["FUNDING", "ACCOUNTABLE", "IMPLEMENTING"][n] })),
      // Several countries need shares adding up to 100 (IATI rule 3.1.1; the programme form asks).
      countries: KILL_COUNTRIES.map((countryCode, n) => ({ countryCode, percentage: n === 0 ? String(100 - 20 * (KILL_COUNTRIES.length - 1)) : "20" })),
      sectors: KILL_SECTORS.map((sectorCode) => ({ sectorCode, percentage: "50" })),
    });
    await createProgramme(ctxFor(actor, undefined, { ip: "127.0.0.1" }), data);
    console.log(`committed ${code}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
