
// Superseded (issue 17): the derivation below, from the programme's funder,
// is no longer used by the programme form (programme-admin.server.ts checks
// identifiers under the publisher with the functions at the end of this file).
// It stays exported only while app/reports/iati.server.ts still calls it.
//
// A programme's IATI identifier: the one stored, or else one derived from the
// reporting organisation's identifier and the programme's code. One rule, used
// by the IATI export (what is published) and by the programme form's check
// (so a stored identifier never equals another programme's derived one).
// A model (not a report): the programme form's check needs it, and models
// never import app/reports (tests/unit/import-rules.test.ts).

/**
 * The reporting organisation used when a programme has no accountable or
 * funding organisation with an IATI identifier. "XX" is the IATI organisation
 * registration agency prefix for "no agency", so this placeholder is visibly
 * not a registered identifier; a publisher must register and replace it
 * before publishing to the IATI Registry.
 */
export const IATI_PLACEHOLDER_REPORTING_ORG = {
  ref: "XX-CONCORD",
  /** OrganisationType 90: Other. */
  type: "90",
  name: "Concord (reporting organisation not registered with IATI)",
} as const;

type OrgLink<O> = { role: string; organisation: O };
type IatiOrg = { shortName: string; iatiRef: string | null };

/**
 * The reporting organisation: the programme's accountable organisation when it
 * has an IATI identifier, else the first funding organisation with one, else
 * null (the export then names IATI_PLACEHOLDER_REPORTING_ORG).
 */
export function reportingOrganisation<O extends IatiOrg>(links: OrgLink<O>[]): O | null {
  const withRef = (role: "ACCOUNTABLE" | "FUNDING") =>
    links
      .filter((po) => po.role === role && po.organisation.iatiRef?.trim())
      .map((po) => po.organisation)
      .sort((a, b) => a.shortName.localeCompare(b.shortName))[0];
  return withRef("ACCOUNTABLE") ?? withRef("FUNDING") ?? null;
}

/** The identifier derived when none is stored: `<reporting organisation's ref>-<code>`. */
export function derivedIatiIdentifier(code: string, links: OrgLink<IatiOrg>[]): string {
  const ref = reportingOrganisation(links)?.iatiRef?.trim() ?? IATI_PLACEHOLDER_REPORTING_ORG.ref;
  return `${ref}-${code}`;
}

/** The identifier the programme is published under. */
export function programmeIatiIdentifier(p: { iatiIdentifier: string | null; code: string; organisations: OrgLink<IatiOrg>[] }): string {
  return p.iatiIdentifier ?? derivedIatiIdentifier(p.code, p.organisations);
}

/**
 * The codes a programme would need for its derived identifier to be
 * `identifier`: every tail of it after a hyphen ("XM-DAC-701-BY-QOC" ->
 * "DAC-701-BY-QOC", "701-BY-QOC", "BY-QOC", "QOC").
 */
export function codesDerivingTo(identifier: string): string[] {
  const tails: string[] = [];
  for (let i = identifier.indexOf("-"); i >= 0; i = identifier.indexOf("-", i + 1)) {
    const tail = identifier.slice(i + 1);
    if (tail) tails.push(tail);
  }
  return tails;
}

// ---------------------------------------------------------------------------
// Issue 17: identifiers minted under the centre's own publisher identifier
// (PublisherSettings.orgRef), never under a funder's. Once published, the
// identifier an IATI activity went out under is stored (Programme.iatiIdentifier,
// IatiPublishedActivity) and read back, never recomputed.

export type IatiChildType = "AGREEMENT" | "ACTIVITY";

/** A programme's identifier under the publisher: `<publisher ref>-<code>`. */
export function mintProgrammeIdentifier(publisherRef: string, code: string): string {
  return `${publisherRef.trim()}-${code}`;
}

/** The identifier a programme goes out under: the stored one, else minted under the publisher. */
export function publishedProgrammeIdentifier(p: { iatiIdentifier: string | null; code: string }, publisherRef: string): string {
  return p.iatiIdentifier ?? mintProgrammeIdentifier(publisherRef, p.code);
}

/**
 * A level-2 activity's identifier: the programme's, then AG (agreement) or AC
 * (cooperation activity) and the record's id. Record ids never change, so the
 * identifier is stable even before it is stored.
 */
export function childIatiIdentifier(programmeIdentifier: string, type: IatiChildType, recordId: string): string {
  return `${programmeIdentifier}-${type === "AGREEMENT" ? "AG" : "AC"}-${recordId}`;
}
