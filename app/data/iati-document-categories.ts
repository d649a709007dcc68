// Generated reference data (see app/data/README.md); do not edit by hand.
// A TypeScript module rather than JSON: Node's ESM loader, which the browser
// tests' imports run under, refuses JSON without an import attribute, and the
// build's esbuild 0.17 cannot parse import attributes.
const codelist = {
  "_source": "Generated from the IATI Standard 2.03 codelists DocumentCategory (codelists/embedded/DocumentCategory.xml) and DocumentCategory-category (codelists/non-embedded/DocumentCategory-category.xml), https://iatistandard.org/en/iati-standard/203/codelists/documentcategory/ . Licence: Creative Commons Attribution 4.0 (CC BY 4.0), IATI. Regenerate from the codelist; do not edit by hand.",
  "categories": {
    "A": "Activity Level",
    "B": "Organisation Level"
  },
  "items": [
    {
      "code": "A01",
      "name": "Pre- and post-project impact appraisal",
      "category": "A"
    },
    {
      "code": "A02",
      "name": "Objectives / Purpose of activity",
      "category": "A"
    },
    {
      "code": "A03",
      "name": "Intended ultimate beneficiaries",
      "category": "A"
    },
    {
      "code": "A04",
      "name": "Conditions",
      "category": "A"
    },
    {
      "code": "A05",
      "name": "Budget",
      "category": "A"
    },
    {
      "code": "A06",
      "name": "Summary information about contract",
      "category": "A"
    },
    {
      "code": "A07",
      "name": "Review of project performance and evaluation",
      "category": "A"
    },
    {
      "code": "A08",
      "name": "Results, outcomes and outputs",
      "category": "A"
    },
    {
      "code": "A09",
      "name": "Memorandum of understanding (If agreed by all parties)",
      "category": "A"
    },
    {
      "code": "A10",
      "name": "Tender",
      "category": "A"
    },
    {
      "code": "A11",
      "name": "Contract",
      "category": "A"
    },
    {
      "code": "A12",
      "name": "Activity web page",
      "category": "A"
    },
    {
      "code": "B01",
      "name": "Annual report",
      "category": "B"
    },
    {
      "code": "B02",
      "name": "Institutional Strategy paper",
      "category": "B"
    },
    {
      "code": "B03",
      "name": "Country strategy paper",
      "category": "B"
    },
    {
      "code": "B04",
      "name": "Aid Allocation Policy",
      "category": "B"
    },
    {
      "code": "B05",
      "name": "Procurement Policy and Procedure",
      "category": "B"
    },
    {
      "code": "B06",
      "name": "Institutional Audit Report",
      "category": "B"
    },
    {
      "code": "B07",
      "name": "Country Audit Report",
      "category": "B"
    },
    {
      "code": "B08",
      "name": "Exclusions Policy",
      "category": "B"
    },
    {
      "code": "B09",
      "name": "Institutional Evaluation Report",
      "category": "B"
    },
    {
      "code": "B10",
      "name": "Country Evaluation Report",
      "category": "B"
    },
    {
      "code": "B11",
      "name": "Sector strategy",
      "category": "B"
    },
    {
      "code": "B12",
      "name": "Thematic strategy",
      "category": "B"
    },
    {
      "code": "B13",
      "name": "Country-level Memorandum of Understanding",
      "category": "B"
    },
    {
      "code": "B14",
      "name": "Evaluations policy",
      "category": "B"
    },
    {
      "code": "B15",
      "name": "General Terms and Conditions",
      "category": "B"
    },
    {
      "code": "B16",
      "name": "Organisation web page",
      "category": "B"
    },
    {
      "code": "B17",
      "name": "Country/Region web page",
      "category": "B"
    },
    {
      "code": "B18",
      "name": "Sector web page",
      "category": "B"
    }
  ]
};

export default codelist;
