import organisationTypes from "~/data/iati-organisation-types";
import sectorCodes from "~/data/iati-sector-codes";

// Lookups over the IATI 2.03 codelists in app/data (generated; see its
// README). Client-safe: forms use them to offer choices, schemas to check
// codes. Sectors are codes only here (their names, in every language, are
// the message catalogue's: t.label("sector", code)), so that the 300 English
// names stay out of the browser's bundle.

type Item = { code: string; name: string };

const ORGANISATION_TYPES: readonly Item[] = organisationTypes.items;

const sectors = new Set(sectorCodes);
const organisationTypeNames = new Map(ORGANISATION_TYPES.map((t) => [t.code, t.name]));

/** True for an active OECD DAC 5-digit purpose code (IATI Sector vocabulary 1). */
export function isSectorCode(code: string): boolean {
  return sectors.has(code);
}

/** Every active sector code for a select, in code order (the form names each from the catalogue). */
export const SECTOR_OPTIONS: { value: string }[] = sectorCodes.map((code) => ({ value: code }));

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
