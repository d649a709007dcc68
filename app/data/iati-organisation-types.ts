// Generated reference data (see app/data/README.md); do not edit by hand.
// A TypeScript module rather than JSON: Node's ESM loader, which the browser
// tests' imports run under, refuses JSON without an import attribute, and the
// build's esbuild 0.17 cannot parse import attributes.
const codelist = {
  "_source": "Generated from the IATI Standard 2.03 codelist OrganisationType.xml (non-embedded): organisation types, active codes only, English names. Licence: CC BY 4.0, IATI (https://iatistandard.org). Regenerate as described in app/data/README.md; do not edit by hand.",
  "items": [
    {"code": "10", "name": "Government"},
    {"code": "11", "name": "Local Government"},
    {"code": "15", "name": "Other Public Sector"},
    {"code": "21", "name": "International NGO"},
    {"code": "22", "name": "National NGO"},
    {"code": "23", "name": "Regional NGO"},
    {"code": "24", "name": "Partner Country based NGO"},
    {"code": "30", "name": "Public Private Partnership"},
    {"code": "40", "name": "Multilateral"},
    {"code": "60", "name": "Foundation"},
    {"code": "70", "name": "Private Sector"},
    {"code": "71", "name": "Private Sector in Provider Country"},
    {"code": "72", "name": "Private Sector in Aid Recipient Country"},
    {"code": "73", "name": "Private Sector in Third Country"},
    {"code": "80", "name": "Academic, Training and Research"},
    {"code": "90", "name": "Other"}
  ]
};

export default codelist;
