// Every key starts with "search.". English is the source text.
// One search over everything (issue 19, point 8): the box in the header and
// the /search results page.
export const search = {
  "search.box.label": "Search everything",
  "search.box.placeholder": "Search",
  "search.box.submit": "Search",
  "search.metaTitle": "Search · Concord",
  "search.title": "Search",
  "search.intro": "Programmes, agreements, activities, deliverables, outcomes, indicators, organisations and documents you may see: titles and descriptions in every language, identifiers and file names.",
  "search.empty": "Type a word, a title, an identifier or a file name.",
  "search.noResults": "Nothing found for “{q}”.",
  "search.resultsFor": "Results for “{q}”",
  "search.truncated": "Only the first {max} characters of your search were used.",
  "search.kinds": "Kinds of record",
  "search.all": "All kinds ({count})",
  "search.kindCount": "{kind} ({count})",
  "search.showAll": "All {kind} ({count})",
  "search.kind.programme": "Programmes",
  "search.kind.agreement": "Agreements",
  "search.kind.activity": "Activities",
  "search.kind.deliverable": "Deliverables",
  "search.kind.outcome": "Outcomes",
  "search.kind.indicator": "Indicators",
  "search.kind.organisation": "Organisations",
  "search.job.documentText": "Read a document's text for search",
  "search.job.sweep": "Read the text of documents stored before",
  "search.kind.document": "Documents",
};
