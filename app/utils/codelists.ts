import organisationTypes from "~/data/iati-organisation-types";
import sectors from "~/data/iati-sectors";

// Lookups over the IATI 2.03 codelists in app/data (generated; see its
// README). Client-safe: forms use them to offer choices, schemas to check
// codes, record pages to name them.

type Item = { code: string; name: string };

const SECTORS: readonly Item[] = sectors.items;
const ORGANISATION_TYPES: readonly Item[] = organisationTypes.items;

const sectorNames = new Map(SECTORS.map((s) => [s.code, s.name]));
const organisationTypeNames = new Map(ORGANISATION_TYPES.map((t) => [t.code, t.name]));

/** True for an active OECD DAC 5-digit purpose code (IATI Sector vocabulary 1). */
export function isSectorCode(code: string): boolean {
  return sectorNames.has(code);
}

/** The sector's English name; the bare code for one the codelist no longer lists. */
export function sectorName(code: string): string {
  return sectorNames.get(code) ?? code;
}

/** "12220 — Basic health care": how sectors are shown in lists and forms. */
export function sectorLabel(code: string): string {
  const name = sectorNames.get(code);
  return name ? `${code} — ${name}` : code;
}

/** Every active sector for a select, in code order ("12220 — Basic health care"). */
export const SECTOR_OPTIONS: { value: string; label: string }[] = SECTORS.map((s) => ({ value: s.code, label: `${s.code} — ${s.name}` }));

export function isOrganisationTypeCode(code: string): boolean {
  return organisationTypeNames.has(code);
}

/** "Government", "Multilateral", ...; the bare code for one the codelist does not list. */
export function organisationTypeName(code: string): string {
  return organisationTypeNames.get(code) ?? code;
}

/** Organisation types for a select ("10 — Government"), in code order. */
export const ORGANISATION_TYPE_OPTIONS: { value: string; label: string }[] = ORGANISATION_TYPES.map((t) => ({
  value: t.code,
  label: `${t.code} — ${t.name}`,
}));
