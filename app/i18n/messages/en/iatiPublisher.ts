import type { Catalogue } from "../types";

// Every key starts with "iatiPublisher.". English is the source text.
// The centre as IATI publisher (/admin/publisher), IATI organisation
// identifiers (their checks and the organisation form's hint) and the list of
// organisations without one (issue 17).
export const iatiPublisher = {
  "iatiPublisher.nav": "IATI publisher",
  "iatiPublisher.metaTitle": "IATI publisher · Concord",
  "iatiPublisher.title": "The centre as IATI publisher",
  "iatiPublisher.intro":
    "Every IATI file Concord publishes names this organisation as its reporting organisation, and every activity identifier is minted under its organisation identifier. Enter it as registered with the IATI Registry.",
  "iatiPublisher.notSet": "Not set yet: IATI files cannot be published until an administrator saves these settings.",
  "iatiPublisher.illustrative":
    "The identifier {ref} is illustrative (demo data): replace it with the centre's real organisation identifier before registering with the IATI Registry or publishing. Identifiers already minted under it are moved to the real one when you replace it.",
  "iatiPublisher.published":
    "Activities have been published under {ref}: the identifier can no longer change (published identifiers never change).",
  "iatiPublisher.section.identity": "Organisation",
  "iatiPublisher.section.names": "Name",
  "iatiPublisher.section.names.description": "The name in the default language is required; the others are published as translations.",
  "iatiPublisher.section.defaults": "Defaults and public address",
  "iatiPublisher.field.orgRef": "IATI organisation identifier",
  "iatiPublisher.field.orgRef.hint": "Registration agency prefix and the organisation's number there, e.g. KR-BRN-1234567890. Look it up at org-id.guide.",
  "iatiPublisher.field.orgType": "Organisation type (IATI)",
  "iatiPublisher.field.lang": "Default language",
  "iatiPublisher.field.lang.hint": "The files' xml:lang: narratives without a language are in this one.",
  "iatiPublisher.field.name": "Name",
  "iatiPublisher.field.nameIn": "Name ({lang})",
  "iatiPublisher.field.translations": "Names in other languages",
  "iatiPublisher.field.defaultCurrency": "Default currency",
  "iatiPublisher.field.publicBaseUrl": "Public base URL",
  "iatiPublisher.field.publicBaseUrl.hint": "Where the public IATI files and documents are served, e.g. https://concord.example.org (no query, no trailing slash).",
  "iatiPublisher.choose": "Choose…",
  "iatiPublisher.submit": "Save the publisher settings",
  "iatiPublisher.notice.saved": "Publisher settings saved.",
  "iatiPublisher.notice.unchanged": "Nothing changed.",
  "iatiPublisher.missingLink": { one: "{count} organisation has no IATI identifier", other: "{count} organisations have no IATI identifier" },
  "iatiPublisher.lang.en": "English",
  "iatiPublisher.lang.ru": "Russian",
  "iatiPublisher.lang.ko": "Korean",

  // Checks (the publisher form and the organisation form)
  "iatiPublisher.v.orgRefEmpty": "Enter the organisation identifier.",
  "iatiPublisher.v.orgRefTooLong": "At most {max} characters.",
  "iatiPublisher.v.orgRefChars": "An identifier has no spaces and none of / & | ? (IATI rule).",
  "iatiPublisher.v.orgRefPrefix":
    "“{prefix}” is not a registration agency: an identifier starts with an agency code from org-id.guide (IATI's OrganisationRegistrationAgency codelist), e.g. KR-BRN, XM-DAC, GB-COH, then the organisation's number.",
  "iatiPublisher.v.orgRefWithdrawn": "The agency {prefix} has been withdrawn from the codelist: use the registration org-id.guide gives instead.",
  "iatiPublisher.v.orgRefExample": "XE-EXAMPLE is for examples in documentation only: enter the organisation's real identifier.",
  "iatiPublisher.v.orgRefNoNumber": "After “{prefix}-” comes the organisation's number at that agency.",
  "iatiPublisher.v.nameTooLong": "At most {max} characters.",
  "iatiPublisher.v.nameInLang": "Enter the name in {lang}, the default language.",
  "iatiPublisher.v.orgType": "Choose the organisation type.",
  "iatiPublisher.v.lang": "Choose the default language.",
  "iatiPublisher.v.currency": "Choose the default currency.",
  "iatiPublisher.v.baseUrl": "Enter the public base URL.",
  "iatiPublisher.v.baseUrlTooLong": "At most {max} characters.",
  "iatiPublisher.v.baseUrlAbsolute": "Enter an absolute address starting with https:// (or http://), e.g. https://concord.example.org.",
  "iatiPublisher.v.baseUrlQuery": "The base URL has no query (?…) or fragment (#…): file addresses are built by adding /iati/… to it.",
  "iatiPublisher.v.baseUrlCredentials": "The base URL must not contain a user name or password.",
  "iatiPublisher.e.refPublished":
    "Activities have already been published under {ref}, and their identifiers begin with it: the organisation identifier can no longer be changed.",

  // Programme identifiers under the publisher
  "iatiPublisher.e.programmePrefix": "An IATI identifier here starts with the centre's organisation identifier and a hyphen: {ref}-…",
  "iatiPublisher.e.programmeNoPublisher": "Set the centre's IATI organisation identifier (Administration → IATI publisher) before entering an IATI identifier.",
  "iatiPublisher.e.programmePublished": "This programme has been published to IATI as {identifier}: its identifier can no longer change.",

  // The organisation form's hint
  "iatiPublisher.hint.multilateral": "A multilateral's identifier is usually XM-DAC-<its DAC code>, e.g. XM-DAC-928 (WHO), XM-DAC-44000 (World Bank).",
  "iatiPublisher.hint.government": "A donor government's identifier is XM-DAC-<its DAC donor code>, e.g. XM-DAC-701 (Japan), XM-DAC-742 (Korea).",
  "iatiPublisher.hint.notAPrefix": "{guess}? No such agency.",
  "iatiPublisher.hint.agencies": "Registration agencies in this country: {agencies}. Look the organisation up at org-id.guide.",
  "iatiPublisher.hint.noAgencies": "org-id.guide lists no registration agency for this country: look for one at org-id.guide, or ask IATI for an XI-IATI identifier.",
  "iatiPublisher.hint.noCountry": "Look the organisation up at org-id.guide (e.g. XM-DAC-…, XI-IATI-…).",

  // Organisations without an identifier
  "iatiPublisher.missing.metaTitle": "Organisations without an IATI identifier · Concord",
  "iatiPublisher.missing.title": "Organisations without an IATI identifier",
  "iatiPublisher.missing.intro":
    "IATI files name these organisations without @ref, so nothing links them to the organisations' own publications. Add the identifier where the organisation has one.",
  "iatiPublisher.missing.caption": "Active organisations without an IATI identifier",
  "iatiPublisher.missing.none": "Every active organisation has an IATI identifier.",
  "iatiPublisher.missing.col.name": "Organisation",
  "iatiPublisher.missing.col.country": "Country",
  "iatiPublisher.missing.col.type": "Type (IATI)",
  "iatiPublisher.missing.col.roles": "Roles in programmes, agreements and activities",
  "iatiPublisher.missing.col.hint": "Where to look",
  "iatiPublisher.missing.edit": "Add the identifier",
  "iatiPublisher.missing.count": { one: "{count} organisation", other: "{count} organisations" },
} satisfies Catalogue;
