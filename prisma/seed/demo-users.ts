// The demo accounts. They are created only by the demo seed, flagged isDemo,
// and can sign in only while the server runs with CONCORD_DEMO=1 (npm run demo).
// The passwords are public (README): never use demo mode on a real deployment.

export type DemoUser = {
  email: string;
  name: string;
  role: "ADMIN" | "STAFF" | "PARTNER" | "DONOR";
  password: string;
  countries?: string[];
  organisationShortNames?: string[];
};

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@concord.demo", name: "Demo administrator", role: "ADMIN", password: "concord-admin-demo" },
  { email: "staff@concord.demo", name: "Demo programme officer", role: "STAFF", password: "concord-staff-demo" },
  {
    email: "partner.by@concord.demo",
    name: "Demo partner (Belarus)",
    role: "PARTNER",
    password: "concord-partner-by",
    countries: ["BY"],
  },
  {
    email: "partner.kz@concord.demo",
    name: "Demo partner (Kazakhstan)",
    role: "PARTNER",
    password: "concord-partner-kz",
    countries: ["KZ"],
  },
  {
    email: "donor.kwpf@concord.demo",
    name: "Demo donor (KWPF)",
    role: "DONOR",
    password: "concord-donor-kwpf",
    organisationShortNames: ["KWPF"],
  },
];
