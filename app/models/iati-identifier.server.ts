// IATI activity identifiers (issue 17): minted under the centre's own
// publisher identifier (PublisherSettings.orgRef), never under a funder's.
// Once published, the identifier an IATI activity went out under is stored
// (Programme.iatiIdentifier, IatiPublishedActivity) and read back, never
// recomputed. A model (not a report): the programme form's check and the
// publish action need it, and models never import app/reports
// (tests/unit/import-rules.test.ts).

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
