import type { Catalogue } from "../types";

// Every key starts with "iatiFields.". English is the source text.
// What IATI publication needs from the record forms (issue 17): a programme's
// default classifications, country shares, funding traceability, planned
// disbursements and an activity's coordinates. Codelist names stay as IATI
// publishes them (in English), after their code.
export const iatiFields = {
  "iatiFields.codeOption": "{code} — {name}",
  // Programme form and page
  "iatiFields.programme.section": "IATI classifications",
  "iatiFields.programme.sectionHelp":
    "Published as the defaults of the programme and of its activities. Technical cooperation is usually D02 (other technical assistance), or E01 for training and scholarships in the donor country; official development assistance (10), standard grant (110), untied (5), bilateral (1).",
  "iatiFields.programme.aidType": "Default aid type",
  "iatiFields.programme.aidTypeHint": "Technical cooperation first (D01, D02, E01, E02), then every aid type.",
  "iatiFields.programme.flowType": "Flow type",
  "iatiFields.programme.financeType": "Finance type",
  "iatiFields.programme.tiedStatus": "Tied status",
  "iatiFields.programme.collaborationType": "Collaboration type",
  // Funding form and page
  "iatiFields.funding.providerActivityId": "Funder's IATI activity identifier",
  "iatiFields.funding.providerActivityIdHint":
    "The funder's IATI activity identifier, as the funder publishes it (e.g. XM-DAC-701-8-123456): it traces this money to its source. Leave empty when it is not known.",
  "iatiFields.funding.receiverActivityId": "Receiver's IATI activity identifier",
  "iatiFields.funding.receiverActivityIdHint":
    "The receiver's IATI activity identifier, when the receiver publishes the activity this money goes to. Leave empty when it is not known.",
  // Activity form and page
  "iatiFields.activity.latitude": "Latitude",
  "iatiFields.activity.latitudeHint": "Decimal degrees from −90 to 90, up to 6 decimals (Wonju: 37.3422).",
  "iatiFields.activity.longitude": "Longitude",
  "iatiFields.activity.longitudeHint": "Decimal degrees from −180 to 180, up to 6 decimals (Wonju: 127.9202).",
  "iatiFields.activity.coordinates": "Coordinates",
  "iatiFields.activity.coordinatesValue": "{latitude}, {longitude}",
  // Validation: labels ("Choose {label}.") and messages
  "iatiFields.v.aidType": "a default aid type",
  "iatiFields.v.flowType": "a flow type",
  "iatiFields.v.financeType": "a finance type",
  "iatiFields.v.tiedStatus": "a tied status",
  "iatiFields.v.collaborationType": "a collaboration type",
  "iatiFields.v.unknownCode": "Choose {label} from the list: {code} is not an active code of IATI's {codelist} codelist.",
  "iatiFields.v.countryShareNeeded":
    "A programme with several countries must give each country's share (IATI); enter it, the shares adding up to 100%.",
  "iatiFields.v.providerActivityId": "the funder's IATI activity identifier",
  "iatiFields.v.receiverActivityId": "the receiver's IATI activity identifier",
  "iatiFields.v.activityIdSpaces": "{Label} cannot contain spaces.",
  "iatiFields.v.activityIdCharacters": "{Label} can contain only Latin letters, digits and punctuation such as - . _",
  "iatiFields.v.activityIdSymbols": "{Label} cannot contain /, &, | or ?.",
  "iatiFields.v.providerOnlyIncoming":
    "Only incoming funds and incoming commitments name the funder's activity: clear this field or change the kind.",
  "iatiFields.v.receiverOnlyOutgoing":
    "Only outgoing commitments and disbursements name the receiver's activity: clear this field or change the kind.",
  "iatiFields.v.plannedStart": "A planned disbursement covers a period: enter its start.",
  "iatiFields.v.plannedEnd": "A planned disbursement covers a period: enter its end.",
  "iatiFields.v.latitude": "the latitude",
  "iatiFields.v.longitude": "the longitude",
  "iatiFields.v.latitudeRange": "The latitude must be between −90 and 90.",
  "iatiFields.v.longitudeRange": "The longitude must be between −180 and 180.",
  "iatiFields.v.latitudeNeeded": "Enter the latitude as well, or clear the longitude.",
  "iatiFields.v.longitudeNeeded": "Enter the longitude as well, or clear the latitude.",
} satisfies Catalogue;
