import { BUNDLES } from "~/i18n/catalogues.server";
import { LOCALES } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { fold } from "./cells";

// The records a cell may name by natural key, read once per import or
// download (small tables: a few hundred programmes and organisations): a
// programme by its code, an organisation by its IATI identifier, short name
// or full name, a country by its code or its name in any language.

type Org = { id: string; shortName: string; fullName: string; iatiRef: string | null };

export class Refs {
  private constructor(
    private readonly programmes: { id: string; code: string; archivedAt: Date | null }[],
    private readonly organisations: Org[],
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

  static async load(): Promise<Refs> {
    const programmes = await prisma.programme.findMany({ select: { id: true, code: true, archivedAt: true }, orderBy: { code: "asc" } });
    const organisations = await prisma.organisation.findMany({
      where: { archivedAt: null },
      select: { id: true, shortName: true, fullName: true, iatiRef: true },
      orderBy: { shortName: "asc" },
    });
    return new Refs(programmes, organisations);
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
}
