import { BUNDLES } from "~/i18n/catalogues.server";
import { LOCALES } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { fold } from "./cells";

// The records a cell may name by natural key, read once per import or
// download (small tables: a few hundred programmes and organisations): a
// programme by its code, an organisation by its IATI identifier, short name
// or full name, a country by its code or its name in any language.

type Org = { id: string; shortName: string; fullName: string; iatiRef: string | null };
type AgreementRef = { id: string; programmeId: string; reference: string | null; title: string };

export class Refs {
  private constructor(
    private readonly programmes: { id: string; code: string; archivedAt: Date | null }[],
    private readonly organisations: Org[],
    agreements: AgreementRef[] = [],
  ) {
    for (const p of programmes) {
      this.programmeByKey.set(fold(p.code), p.id);
      this.programmeCode.set(p.id, p.code);
    }
    for (const o of organisations) {
      // Identifier first, then names: a name never shadows another organisation's identifier.
      this.orgName.set(o.id, o.shortName);
    }
    for (const o of organisations) if (o.iatiRef) this.orgByKey.set(fold(o.iatiRef), o.id);
    for (const o of organisations) if (!this.orgByKey.has(fold(o.shortName))) this.orgByKey.set(fold(o.shortName), o.id);
    for (const o of organisations) if (!this.orgByKey.has(fold(o.fullName))) this.orgByKey.set(fold(o.fullName), o.id);
    // Agreements (an amendment's parent): by id, by reference, by title; a
    // text naming several is not a key (the cell then needs the id).
    const many = (map: Map<string, string | null>, key: string, id: string) => map.set(key, map.has(key) && map.get(key) !== id ? null : id);
    for (const a of agreements) {
      this.agreementProgramme.set(a.id, a.programmeId);
      if (a.reference) many(this.agreementByReference, fold(a.reference), a.id);
      many(this.agreementByTitle, fold(a.title), a.id);
    }
    for (const a of agreements) {
      // The file names it by what reads back to it: its reference, else its title, else its id.
      const byRef = a.reference ? this.agreementByReference.get(fold(a.reference)) : undefined;
      const byTitle = !this.agreementByReference.has(fold(a.title)) ? this.agreementByTitle.get(fold(a.title)) : undefined;
      this.agreementNameOf.set(a.id, byRef === a.id ? a.reference! : byTitle === a.id ? a.title : a.id);
    }
    for (const locale of LOCALES) {
      for (const [code, name] of Object.entries(BUNDLES[locale].enums.country as Record<string, string>)) {
        this.countryByKey.set(fold(name), code);
        this.countryByKey.set(fold(code), code);
      }
    }
  }

  private readonly programmeByKey = new Map<string, string>();
  private readonly programmeCode = new Map<string, string>();
  private readonly orgByKey = new Map<string, string>();
  private readonly orgName = new Map<string, string>();
  private readonly countryByKey = new Map<string, string>();
  private readonly agreementProgramme = new Map<string, string>();
  private readonly agreementByReference = new Map<string, string | null>();
  private readonly agreementByTitle = new Map<string, string | null>();
  private readonly agreementNameOf = new Map<string, string>();

  static async load(): Promise<Refs> {
    const programmes = await prisma.programme.findMany({ select: { id: true, code: true, archivedAt: true }, orderBy: { code: "asc" } });
    const organisations = await prisma.organisation.findMany({
      where: { archivedAt: null },
      select: { id: true, shortName: true, fullName: true, iatiRef: true },
      orderBy: { shortName: "asc" },
    });
    // Id, programme, reference and title only: a few thousand agreements are a few hundred kilobytes.
    const agreements = await prisma.agreement.findMany({ select: { id: true, programmeId: true, reference: true, title: true }, orderBy: { id: "asc" } });
    return new Refs(programmes, organisations, agreements);
  }

  programmeId(text: string): string | undefined {
    return this.programmeByKey.get(fold(text));
  }
  programmeCodeOf(id: string): string {
    return this.programmeCode.get(id) ?? id;
  }
  /** Codes of the programmes a new record may name (not archived), for the download's dropdown list. */
  programmeCodes(): string[] {
    return this.programmes.filter((p) => !p.archivedAt).map((p) => p.code);
  }
  organisationId(text: string): string | undefined {
    return this.orgByKey.get(fold(text));
  }
  /** How the file names an organisation: its short name (unique). */
  organisationName(id: string): string {
    return this.orgName.get(id) ?? id;
  }
  organisationNames(): string[] {
    return this.organisations.map((o) => o.shortName);
  }
  countryCode(text: string): string | undefined {
    return this.countryByKey.get(fold(text));
  }
  /**
   * An agreement by its id, reference or title (in that order, any case);
   * `ambiguous` when the text names several agreements.
   */
  agreementId(text: string): string | "ambiguous" | undefined {
    const t = text.trim();
    if (this.agreementProgramme.has(t)) return t;
    for (const map of [this.agreementByReference, this.agreementByTitle]) {
      const hit = map.get(fold(t));
      if (hit === null) return "ambiguous";
      if (hit) return hit;
    }
    return undefined;
  }
  /** How the file names an agreement: a text agreementId reads back to it. */
  agreementName(id: string): string {
    return this.agreementNameOf.get(id) ?? id;
  }
  agreementProgrammeId(id: string): string | undefined {
    return this.agreementProgramme.get(id);
  }
}
