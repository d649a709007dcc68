import type { Catalogue } from "../types";

// Every key starts with "organisations.". English is the source text.
// The organisation list, record page and form.
export const organisations = {
  "organisations.archived": "Archived",

  // The list
  "organisations.list.title": "Organisations",
  "organisations.list.archivedCaption": "Archived organisations",
  "organisations.list.description": "Funders, partner ministries, institutes and multilaterals, with the programmes and agreements they take part in.",
  "organisations.list.new": "New organisation",
  "organisations.list.search": "Search names, descriptions and countries",
  // For ListEmpty (components/lists/list-parts.tsx): "one" is the English singular
  // (Russian genitive plural), "many" the plural (Russian nominative plural).
  "organisations.list.one": "organisation",
  "organisations.list.many": "organisations",
  "organisations.list.first": "Add the first organisation",
  "organisations.list.firstHint": ", e.g. the funder or the partner ministry of a programme.",
  "organisations.filter.country": "Country",
  "organisations.filter.type": "Type (IATI)",

  // The list's columns (table, CSV and Excel)
  "organisations.columns.shortName": "Short name",
  "organisations.columns.fullName": "Full name",
  "organisations.columns.country": "Country",
  "organisations.columns.type": "Type (IATI)",
  "organisations.columns.iatiRef": "IATI identifier",
  "organisations.columns.programmes": "Programme roles",
  "organisations.columns.agreements": "Agreements",
  "organisations.columns.activities": "Activities",

  // The record page
  "organisations.page.notDeleted": "The organisation was not deleted.",
  "organisations.page.edit": "Edit",
  "organisations.page.newProgramme": "New programme with it",
  "organisations.page.details": "Details",
  "organisations.page.shortName": "Short name",
  "organisations.page.fullName": "Full name",
  "organisations.page.country": "Country",
  "organisations.page.countryWithCode": "{name} ({code})",
  "organisations.page.noCountry": "None (international)",
  "organisations.page.type": "Type (IATI)",
  "organisations.page.iatiRef": "IATI identifier",
  "organisations.page.donorAccounts": "Donor accounts",
  "organisations.page.noDonorAccounts": "None",
  "organisations.page.donorAccountsSee": {
    one: "{count} donor account sees the programmes it funds",
    other: "{count} donor accounts see the programmes it funds",
  },
  "organisations.page.programmes": "Programmes ({count})",
  "organisations.page.noProgrammes": "Not part of any programme yet. Add it to a programme from the programme's form.",
  "organisations.page.agreements": "Agreements it is party to ({count})",
  "organisations.page.signed": "signed {date}",
  "organisations.page.noAgreements": "Not a party to any agreement.",
  "organisations.page.activities": "Activities ({count})",
  "organisations.page.participantsRole": "Participants ({total})",
  "organisations.page.noActivities": "Has not hosted, organised, funded or taken part in any recorded activity.",
  "organisations.page.deliverables": "Deliverables it is responsible for ({count})",
  "organisations.page.due": "due {date}",
  "organisations.page.noDueDate": "no due date",
  "organisations.page.noDeliverables": "Responsible for no deliverable.",
  "organisations.page.outcomes": "Outcomes it is responsible for ({count})",
  "organisations.page.noOutcomes": "Responsible for no workshop outcome.",
  "organisations.page.funding": "Funding lines ({count})",
  "organisations.page.fundingTitle": "{kind} {amount}",
  "organisations.page.provided": "Provided by it",
  "organisations.page.received": "Received by it",
  "organisations.page.noFunding": "Provides or receives no recorded funding.",
  "organisations.page.history": "History",

  // New and edit
  "organisations.new.title": "New organisation",
  "organisations.new.back": "← All organisations",
  "organisations.new.submit": "Create organisation",
  "organisations.edit.pageTitle": "Edit {name}",
  "organisations.edit.title": "Edit: {name}",
  "organisations.edit.back": "← Back to the organisation",
  "organisations.edit.submit": "Save changes",
  "organisations.missingVersion": "The form is missing its version; reload the page and try again.",

  // The form
  "organisations.form.organisation": "Organisation",
  "organisations.form.shortName": "Short name",
  "organisations.form.shortNameHint": "How lists and tables name it, e.g. HIRA or MOH-BY. Must be unique.",
  "organisations.form.type": "Organisation type (IATI)",
  "organisations.form.chooseType": "Choose a type",
  "organisations.form.codeOption": "{code} — {name}",
  "organisations.form.fullName": "Full name",
  "organisations.form.fullNameHint": "The official name, in its own language if you like.",
  "organisations.form.country": "Country",
  "organisations.form.noCountry": "None (international)",
  "organisations.form.iatiRef": "IATI organisation identifier",
  "organisations.form.description": "Description",
  "organisations.form.descriptionHint": "E.g. “WHO Collaborating Centre for Strategic Purchasing” or “partner ministry”.",
  "organisations.form.cancel": "Cancel",

  // Refusals from the model
  "organisations.error.duplicateShortName": "Another organisation is already called {shortName}. Use a different short name.",
  "organisations.error.duplicateIatiRef": "{shortName} already has the IATI identifier {iatiRef}.",
  "organisations.error.chooseCountry": "Choose a country from the list.",

  // Field checks (app/schemas/organisation.ts)
  "organisations.v.shortName": "a short name",
  "organisations.v.fullName": "the full name",
  "organisations.v.iatiRef": "the IATI identifier",
  "organisations.v.description": "the description",
  "organisations.v.chooseType": "Choose the organisation type.",
  "organisations.v.unknownType": "Choose an organisation type from the list (IATI OrganisationType).",
} satisfies Catalogue;
