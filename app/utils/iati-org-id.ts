import agencies from "~/data/iati/registration-agencies";

// IATI organisation identifiers (client-safe: the organisation form and the
// publisher form check them in the browser, and the models again on save).
//
// An identifier is `<registration agency prefix>-<the organisation's number
// at that agency>` (IATI 2.03 guidance "Organisation identifiers", and
// org-id.guide). The prefix is a code of the OrganisationRegistrationAgency
// codelist, and prefixes have one or two hyphen-free parts that may themselves
// contain "_" ("XM-DAC", "GB-COH", "CA_BC-BRC_CBR"), so the prefix of an
// identifier is the LONGEST code it starts with followed by "-". Splitting on
// the second hyphen would be wrong for neither shape; this is why there is no
// regular expression for the whole identifier.
//
// The IATI Validator's ruleset (rulesets/standard.json, regex_matches
// "^[^/&|?]+$": rules 1.3.13, 1.8.13, 1.14.13, 1.12.13) refuses the characters
// / & | ? in identifiers (they break URLs built from them); the guidance adds
// "no spaces". Organisation identifiers are checked the same way here.

// The codes with their country, from a compact copy of the codelist
// (scripts/iati-agency-index.py): the full one with names is too big for the
// forms' pages.
type Agency = { code: string; country: string; withdrawn: boolean };

const WITHDRAWN = new Set<string>(agencies.withdrawn);
const AGENCIES: readonly Agency[] = Object.entries(agencies.countries as Record<string, string>).map(([code, country]) => ({
  code,
  country,
  withdrawn: WITHDRAWN.has(code),
}));
const BY_CODE = new Map(AGENCIES.map((a) => [a.code, a]));
// Longest first, so "XI-IATI" is tried before a shorter code it would share a start with.
const CODES_LONGEST_FIRST = [...BY_CODE.keys()].sort((a, b) => b.length - a.length);

/** Characters the IATI ruleset refuses in identifiers (plus any whitespace). */
export const FORBIDDEN_ID_CHARS = /[\s/&|?]/;

/**
 * The agency code for examples in documentation (org-id.guide). Valid in the
 * codelist, but never an organisation's real identifier.
 */
export const EXAMPLE_AGENCY = "XE-EXAMPLE";

export type OrgIdProblem =
  | { kind: "empty" }
  | { kind: "forbiddenChars" }
  | { kind: "unknownPrefix"; prefix: string }
  | { kind: "withdrawnPrefix"; prefix: string }
  | { kind: "examplePrefix" }
  | { kind: "noNumber"; prefix: string };

/** The registration agency an identifier starts with (longest matching code), if any. */
export function orgIdAgency(identifier: string): Agency | null {
  for (const code of CODES_LONGEST_FIRST) {
    if (identifier.startsWith(`${code}-`)) return BY_CODE.get(code)!;
  }
  return null;
}

/** The problem with an IATI organisation identifier, or null when it is well formed. */
export function orgIdProblem(raw: string): OrgIdProblem | null {
  const identifier = raw.trim();
  if (!identifier) return { kind: "empty" };
  if (FORBIDDEN_ID_CHARS.test(identifier)) return { kind: "forbiddenChars" };
  const agency = orgIdAgency(identifier);
  if (!agency) {
    // What the user meant as a prefix: the first two hyphen-separated parts ("XX-CONCORD").
    const prefix = identifier.split("-").slice(0, 2).join("-");
    return { kind: "unknownPrefix", prefix };
  }
  if (agency.withdrawn) return { kind: "withdrawnPrefix", prefix: agency.code };
  if (agency.code === EXAMPLE_AGENCY) return { kind: "examplePrefix" };
  // "XM-DAC-" or "XM-DAC--": the organisation's own number is missing.
  if (!/[A-Za-z0-9]/.test(identifier.slice(agency.code.length + 1))) return { kind: "noNumber", prefix: agency.code };
  return null;
}

/** The active agencies of a country: the codelist's <category> is the country (KR: KR-BRN, KR-COA; CA: CA-CRA_ACR, CA_BC-BRC_CBR, ...). */
export function agenciesForCountry(countryCode: string): Agency[] {
  const cc = countryCode.toUpperCase();
  return AGENCIES.filter((a) => !a.withdrawn && a.country === cc);
}

/** IATI OrganisationType codes whose identifiers usually come from the OECD DAC (XM-DAC-<code>). */
const DAC_TYPES = new Set(["10", "40"]);

export type OrgIdHint = {
  /** "XM-DAC-<DAC code>" for multilaterals and donor governments. */
  dac: "multilateral" | "government" | null;
  /** The country's registration agencies' codes (empty when org-id.guide lists none). */
  agencies: string[];
  /** "KR-GOV": a prefix people guess for a government body that does not exist in the codelist. */
  notAPrefix: string | null;
};

/**
 * What to suggest for an organisation of this country and type: the DAC form
 * for multilaterals and governments, the country's registration agencies, and
 * the "<country>-GOV" guess called out when the codelist has no such agency.
 */
export function orgIdHint(countryCode: string | null | undefined, typeCode: string | null | undefined): OrgIdHint {
  const country = countryCode?.trim().toUpperCase() || null;
  const type = typeCode?.trim() || null;
  const list = country ? agenciesForCountry(country).map((a) => a.code) : [];
  const guess = country && (type === "10" || type === "11" || type === "15") ? `${country}-GOV` : null;
  return {
    dac: type && DAC_TYPES.has(type) ? (type === "40" ? "multilateral" : "government") : null,
    agencies: list,
    notAPrefix: guess && !BY_CODE.has(guess) ? guess : null,
  };
}

/**
 * True for an identifier that is visibly made up (a part reading EXAMPLE, as
 * the demo's publisher row has): valid in shape, but never to be registered.
 */
export function isIllustrativeOrgId(identifier: string): boolean {
  return identifier.split("-").some((part) => part.toUpperCase() === "EXAMPLE");
}
