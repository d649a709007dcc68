// The demo portfolio: five programmes built from the public facts in
// /work/shared/demo-data.md (health-financing cooperation news releases).
//
// Rules the data below follows:
// - No individual people: roles only ("Minister of Health").
// - A fact the source does not give stays null; dates known only to the month
//   or year are written "2019-11" / "2021" and stored as the first day with
//   DatePrecision MONTH / YEAR.
//
// Idempotency: a record is looked up by its natural key and created only when
// missing; nothing that exists is ever updated, so edits survive a re-seed.
// - Organisation by shortName, Programme by code, User by e-mail.
// - Children by (programme, title) (outcomes by (activity, text), periods by
//   (indicator, periodStart), funding lines by (programme, description)), and
//   also by a deterministic id derived from the seed's own title: a record a
//   user has renamed is still found by its id and is not created again.
// - Link rows (parties, roles, countries, sectors, scopes) are only written
//   together with the record that owns them, so a role or sector a user has
//   removed is not put back (and sector shares keep summing to 100%).
// Each programme is seeded in one transaction: all of it or none of it.
import { createHash } from "node:crypto";
import { seedDemoIatiPlaces } from "./demo-iati-places";
import { seedDemoReporting } from "./demo-reporting";
import type {
  ActivityKind,
  ActivityOrganisationRole,
  ActivityStatus,
  AgreementStatus,
  AgreementType,
  DatePrecision,
  DeliverableStatus,
  FollowUpStatus,
  FundingKind,
  IndicatorMeasure,
  OrganisationRole,
  OutcomeType,
  PartyRole,
  Prisma,
  PrismaClient,
  ProgrammeStatus,
  ResultType,
} from "@prisma/client";
import { seedCountries } from "./countries";

// ---------------------------------------------------------------------------
// Types of the declarative data

type Translations = { ru?: Record<string, string>; ko?: Record<string, string> };
/** "2019-11-25" (DAY), "2019-11" (MONTH) or "2021" (YEAR). */
type PartialDate = string;

type OrganisationSpec = {
  shortName: string;
  fullName: string;
  countryCode: string | null;
  iatiTypeCode: string;
  description: string;
  iatiRef?: string;
  translations?: Translations;
};

type AgreementSpec = {
  ref: string;
  type: AgreementType;
  title: string;
  description?: string;
  status: AgreementStatus;
  signedOn?: PartialDate;
  value?: string;
  currency?: string;
  parties: [shortName: string, role: PartyRole][];
  translations?: Translations;
};

type OutcomeSpec = {
  type: OutcomeType;
  text: string;
  responsible?: string;
  followUpStatus?: FollowUpStatus;
  /** ref of the deliverable that carries this outcome out */
  deliverable?: string;
};

type ActivitySpec = {
  ref: string;
  kind: ActivityKind;
  title: string;
  description?: string;
  countryCode?: string;
  city?: string;
  status: ActivityStatus;
  start?: PartialDate;
  end?: PartialDate;
  participantsTotal?: number;
  participantsNote?: string;
  organisations?: [shortName: string, role: ActivityOrganisationRole][];
  agreements?: string[];
  outcomes?: OutcomeSpec[];
  translations?: Translations;
};

type DeliverableSpec = {
  ref: string;
  title: string;
  description?: string;
  agreement?: string;
  activity?: string;
  responsible?: string;
  status: DeliverableStatus;
  dueDate?: PartialDate;
  translations?: Translations;
};

type PeriodSpec = {
  start: string;
  end: string;
  target?: string;
  actual?: string;
  targetComment?: string;
  actualComment?: string;
};

type IndicatorSpec = {
  title: string;
  description?: string;
  resultType: ResultType;
  measure: IndicatorMeasure;
  unitLabel?: string;
  ascending?: boolean;
  periods: PeriodSpec[];
  translations?: Translations;
};

type FundingSpec = {
  kind: FundingKind;
  /** Also the natural key of the line within its programme. */
  description: string;
  provider?: string;
  receiver?: string;
  fiscalYear?: number;
  periodStart?: string;
  periodEnd?: string;
  transactionDate?: string;
  valueDate: string;
  amount: string;
  currency: string;
};

type ProgrammeSpec = {
  code: string;
  title: string;
  description: string;
  objectives?: string;
  status: ProgrammeStatus;
  sourceNote: string;
  translations?: Translations;
  organisations: [shortName: string, role: OrganisationRole][];
  /** percentage null where the source gives no split */
  countries: [code: string, percentage: string | null][];
  /**
   * IATI recipient regions (Region codelist, vocabulary 1). A programme of
   * several countries whose split the source does not give is published as
   * the region it covers (issue 17), never with invented country shares.
   */
  regions?: [code: string, percentage: string | null][];
  /** OECD DAC 5-digit purpose codes (IATI Sector.xml), summing to 100 */
  sectors: [code: string, percentage: string][];
  agreements: AgreementSpec[];
  activities: ActivitySpec[];
  deliverables: DeliverableSpec[];
  indicators: IndicatorSpec[];
  funding: FundingSpec[];
};

// ---------------------------------------------------------------------------
// Organisations. IATI OrganisationType: 10 government, 11 local government,
// 15 other public sector, 40 multilateral, 70 private sector, 80 academic,
// training and research. `description` is the "kind" column of the source.

export const DEMO_ORGANISATIONS: OrganisationSpec[] = [
  {
    shortName: "HIRA",
    fullName: "Health Insurance Review & Assessment Service",
    countryCode: "KR",
    iatiTypeCode: "15",
    description:
      "government agency; WHO Collaborating Centre for Strategic Purchasing (designated Dec 2021)",
    translations: { ko: { fullName: "건강보험심사평가원" } },
  },
  {
    shortName: "NHIS",
    fullName: "National Health Insurance Service",
    countryCode: "KR",
    iatiTypeCode: "15",
    description: "government agency",
    translations: { ko: { fullName: "국민건강보험공단" } },
  },
  {
    shortName: "KIHASA",
    fullName: "Korea Institute for Health and Social Affairs",
    countryCode: "KR",
    iatiTypeCode: "80",
    description: "research institute",
    translations: { ko: { fullName: "한국보건사회연구원" } },
  },
  {
    shortName: "MOHW-KR",
    fullName: "Ministry of Health and Welfare",
    countryCode: "KR",
    iatiTypeCode: "10",
    description: "ministry",
    translations: { ko: { fullName: "보건복지부" } },
  },
  {
    shortName: "MOEF-KR",
    fullName: "Ministry of Economy and Finance",
    countryCode: "KR",
    iatiTypeCode: "10",
    description: "ministry",
    translations: { ko: { fullName: "기획재정부" } },
  },
  {
    shortName: "KHIDI",
    fullName: "Korea Health Industry Development Institute",
    countryCode: "KR",
    iatiTypeCode: "15",
    description: "government agency",
    translations: { ko: { fullName: "한국보건산업진흥원" } },
  },
  {
    shortName: "NCC-KR",
    fullName: "National Cancer Center",
    countryCode: "KR",
    iatiTypeCode: "15",
    description: "public hospital / research",
    translations: { ko: { fullName: "국립암센터" } },
  },
  {
    shortName: "KNUH",
    fullName: "Kyungpook National University Hospital",
    countryCode: "KR",
    iatiTypeCode: "80",
    description: "university hospital",
    translations: { ko: { fullName: "경북대학교병원" } },
  },
  {
    shortName: "KIND",
    fullName: "Korea Overseas Infrastructure & Urban Development Corporation",
    countryCode: "KR",
    iatiTypeCode: "15",
    description: "public corporation",
    translations: { ko: { fullName: "한국해외인프라도시개발지원공사" } },
  },
  {
    shortName: "Ilsan Hospital",
    fullName: "NHIS Ilsan Hospital",
    countryCode: "KR",
    iatiTypeCode: "15",
    description: "hospital",
    translations: { ko: { fullName: "국민건강보험 일산병원" } },
  },
  {
    shortName: "WB",
    fullName: "World Bank",
    countryCode: null,
    iatiTypeCode: "40",
    description: "multilateral",
    iatiRef: "XM-DAC-44000",
  },
  {
    shortName: "KWPF",
    fullName: "Korea World Bank Group Partnership Facility",
    countryCode: null,
    iatiTypeCode: "40",
    description: "trust fund (donor)",
    // A World Bank-administered trust fund: the World Bank publishes its trust
    // funds' activities to IATI under XI-IATI-WBTF (IATIOrganisationIdentifier codelist).
    iatiRef: "XI-IATI-WBTF",
  },
  {
    shortName: "WHO",
    fullName: "World Health Organization",
    countryCode: null,
    iatiTypeCode: "40",
    description: "multilateral",
    iatiRef: "XM-DAC-928",
  },
  {
    shortName: "WHO/Europe",
    fullName: "WHO Regional Office for Europe",
    countryCode: null,
    iatiTypeCode: "40",
    description: "multilateral",
  },
  {
    shortName: "GOV-JP",
    fullName: "Government of Japan",
    countryCode: "JP",
    iatiTypeCode: "10",
    description: "donor government",
    iatiRef: "XM-DAC-701",
  },
  {
    shortName: "OECD",
    fullName: "OECD (Working Party on Health Care Quality and Outcomes)",
    countryCode: null,
    iatiTypeCode: "40",
    description: "multilateral",
  },
  {
    shortName: "MOH-BY",
    fullName: "Ministry of Health",
    countryCode: "BY",
    iatiTypeCode: "10",
    description: "partner ministry",
    translations: { ru: { fullName: "Министерство здравоохранения Республики Беларусь" } },
  },
  {
    shortName: "MOF-BY",
    fullName: "Ministry of Finance",
    countryCode: "BY",
    iatiTypeCode: "10",
    description: "partner ministry",
    translations: { ru: { fullName: "Министерство финансов Республики Беларусь" } },
  },
  {
    shortName: "MOH-KZ",
    fullName: "Ministry of Health",
    countryCode: "KZ",
    iatiTypeCode: "10",
    description: "partner ministry",
    translations: { ru: { fullName: "Министерство здравоохранения Республики Казахстан" } },
  },
  {
    shortName: "UMC-KZ",
    fullName: "University Medical Center (incl. National Cancer Research Center)",
    countryCode: "KZ",
    iatiTypeCode: "15",
    description: "hospital",
  },
  {
    shortName: "HDC-KZ",
    fullName: "Health Development Center; PPP Center",
    countryCode: "KZ",
    iatiTypeCode: "15",
    description: "government agency",
  },
  {
    shortName: "MOH-TM",
    fullName: "Ministry of Health and Medical Industry",
    countryCode: "TM",
    iatiTypeCode: "10",
    description: "partner ministry",
    translations: {
      ru: { fullName: "Министерство здравоохранения и медицинской промышленности Туркменистана" },
    },
  },
  {
    shortName: "MOH-UZ",
    fullName: "Ministry of Health",
    countryCode: "UZ",
    iatiTypeCode: "10",
    description: "partner ministry",
    translations: { ru: { fullName: "Министерство здравоохранения Республики Узбекистан" } },
  },
  {
    shortName: "SamSMI",
    fullName: "Samarkand State Medical Institute (hospital)",
    countryCode: "UZ",
    iatiTypeCode: "80",
    description: "university hospital",
    translations: { ru: { fullName: "Самаркандский государственный медицинский институт" } },
  },
  {
    shortName: "Bahrain SCH",
    fullName: "Bahrain's health authority for the SEHATI programme",
    countryCode: "BH",
    iatiTypeCode: "10",
    description: "partner",
  },
  {
    shortName: "Meere Company",
    fullName: "Meere Company (medical devices)",
    countryCode: "KR",
    iatiTypeCode: "70",
    description: "company",
    translations: { ko: { fullName: "미래컴퍼니" } },
  },
  {
    shortName: "Busan City",
    fullName: "Busan Metropolitan City, Social Welfare Bureau",
    countryCode: "KR",
    iatiTypeCode: "11",
    description: "local government",
    translations: { ko: { fullName: "부산광역시 사회복지국" } },
  },
];

// ---------------------------------------------------------------------------
// Programmes

export const DEMO_PROGRAMMES: ProgrammeSpec[] = [
  // 1 ------------------------------------------------------------------------
  {
    code: "BY-DRG",
    title: "DRG pilot and strategic purchasing in Belarus",
    description:
      "Pilot of diagnosis-related groups (DRG) in 10 hospitals in Belarus and strengthening of " +
      "strategic purchasing, funded by the Korea World Bank Group Partnership Facility and " +
      "implemented with the World Bank, with knowledge exchange with Korean health-insurance " +
      "institutions.",
    status: "IMPLEMENTATION",
    sourceNote: "Public news release, World Bank, Dec 2019",
    translations: {
      ru: {
        title:
          "Пилотное внедрение клинико-затратных групп (КЗГ) и стратегические закупки в Беларуси",
      },
    },
    organisations: [
      ["KWPF", "FUNDING"],
      ["WB", "EXTENDING"],
      ["WB", "IMPLEMENTING"],
      ["MOH-BY", "IMPLEMENTING"],
      ["NHIS", "IMPLEMENTING"],
    ],
    countries: [["BY", "100"]],
    sectors: [
      ["12110", "80"], // Health policy and administrative management
      ["12191", "20"], // Medical services (the hospital pilot)
    ],
    agreements: [
      {
        ref: "mou",
        type: "MOU",
        title: "MoU between NHIS and the Ministry of Health of Belarus",
        description:
          "Signed during the study visit to Korea to extend collaboration on health " +
          "modernisation and financing.",
        status: "SIGNED",
        signedOn: "2019-11",
        parties: [
          ["NHIS", "SIGNATORY"],
          ["MOH-BY", "SIGNATORY"],
        ],
        translations: {
          ru: {
            title:
              "Меморандум о взаимопонимании между NHIS и Министерством здравоохранения Республики Беларусь",
          },
        },
      },
    ],
    activities: [
      {
        ref: "study-visit",
        kind: "STUDY_VISIT",
        title: "Study visit of the Belarus delegation to Korea",
        description:
          "Hosted by NHIS, KIHASA and academia; meetings with the Ministry of Health and Welfare " +
          "and the Ministry of Economy and Finance; site visits to NHIS Ilsan Hospital and a " +
          "Health Promotion Center, where staff measured the stress and fitness levels of the " +
          "delegation.",
        countryCode: "KR",
        status: "COMPLETED",
        start: "2019-11-25",
        end: "2019-11-29",
        participantsNote:
          "Belarus delegation chaired by the Minister of Health and the 1st Deputy Minister of Finance",
        organisations: [
          ["NHIS", "HOST"],
          ["KIHASA", "HOST"],
          ["Ilsan Hospital", "HOST"],
          ["MOHW-KR", "PARTICIPANT"],
          ["MOEF-KR", "PARTICIPANT"],
          ["MOH-BY", "PARTICIPANT"],
          ["MOF-BY", "PARTICIPANT"],
        ],
        agreements: ["mou"],
        outcomes: [
          {
            type: "CONSENSUS",
            text: "Groundwork laid for strengthening the purchasing function.",
          },
          {
            type: "AGREED_NEXT_STEP",
            text:
              "Partners discussed using Korean technologies to modernise service delivery and " +
              "further knowledge exchange.",
          },
          {
            type: "DECISION",
            text:
              "MoU signed between NHIS and the Ministry of Health to extend collaboration on health " +
              "modernisation and financing.",
            responsible: "NHIS",
          },
          {
            type: "RECOMMENDATION",
            text:
              "Health Promotion Center staff measured the delegation's stress and fitness levels and " +
              "recommended group exercise.",
          },
        ],
        translations: {
          ru: { title: "Ознакомительный визит делегации Беларуси в Республику Корея" },
        },
      },
    ],
    deliverables: [
      {
        ref: "drg-pilot",
        title: "DRG pilot in 10 hospitals",
        description: "Pilot of diagnosis-related groups (DRG) in 10 hospitals in Belarus.",
        responsible: "MOH-BY",
        status: "IN_PROGRESS",
        translations: { ru: { title: "Пилотное внедрение КЗГ в 10 больницах" } },
      },
    ],
    indicators: [],
    funding: [],
  },

  // 2 ------------------------------------------------------------------------
  {
    code: "BY-QOC",
    title: "National strategy for quality of care in Belarus",
    description:
      "WHO Regional Office for Europe support, requested by the Ministry of Health of Belarus in " +
      "2018, to develop and implement a national strategy for quality of care; funded under a " +
      "universal health coverage framework of the Government of Japan and other donors.",
    status: "IMPLEMENTATION",
    sourceNote: "Public news release, WHO Regional Office for Europe, 2019",
    translations: {
      ru: { title: "Национальная стратегия по качеству медицинской помощи в Беларуси" },
    },
    organisations: [
      ["GOV-JP", "FUNDING"],
      ["WHO/Europe", "EXTENDING"],
      ["WHO/Europe", "IMPLEMENTING"],
      ["MOH-BY", "ACCOUNTABLE"],
    ],
    countries: [["BY", "100"]],
    sectors: [
      ["12110", "60"], // Health policy and administrative management
      ["12191", "25"], // Medical services (quality of care)
      ["12281", "15"], // Health personnel development (capacity building)
    ],
    agreements: [],
    activities: [
      {
        ref: "brest",
        kind: "WORKSHOP",
        title: "Workshop on the national strategy for quality of care, Brest region",
        description: "The Vice-Minister of Health attended.",
        countryCode: "BY",
        city: "Brest region",
        status: "COMPLETED",
        start: "2019-01-17",
        end: "2019-01-18",
        participantsTotal: 80,
        participantsNote:
          "more than 80: policy-makers, senior officials, facility managers, hospital and " +
          "primary-care practitioners from all regions",
        organisations: [
          ["WHO/Europe", "ORGANISER"],
          ["MOH-BY", "PARTICIPANT"],
        ],
        outcomes: [
          {
            type: "CONSENSUS",
            text:
              "Consensus on a comprehensive quality-improvement approach aligned along inputs, " +
              "process, outputs and outcomes.",
          },
          {
            type: "AGREED_NEXT_STEP",
            text: "Develop and implement the national strategy for quality of care.",
            responsible: "MOH-BY",
            deliverable: "strategy",
          },
          {
            type: "RECOMMENDATION",
            text: "A list of regulatory arrangements to update the quality-management system.",
            responsible: "MOH-BY",
          },
        ],
        translations: {
          ru: {
            title:
              "Семинар по национальной стратегии качества медицинской помощи, Брестская область",
          },
        },
      },
    ],
    // The four lines of assistance; the source describes them as under way.
    deliverables: [
      {
        ref: "review",
        title: "Review of the current status of quality of care",
        responsible: "WHO/Europe",
        status: "IN_PROGRESS",
      },
      {
        ref: "capacity",
        title: "Capacity building of stakeholders",
        responsible: "WHO/Europe",
        status: "IN_PROGRESS",
      },
      {
        ref: "dialogue",
        title: "Policy dialogue and consensus building",
        responsible: "WHO/Europe",
        status: "IN_PROGRESS",
      },
      {
        ref: "strategy",
        title: "Facilitation of strategy development and implementation",
        responsible: "WHO/Europe",
        status: "IN_PROGRESS",
      },
    ],
    indicators: [],
    funding: [],
  },

  // 3 ------------------------------------------------------------------------
  {
    code: "HIRA-WHOCC",
    title: "HIRA as WHO Collaborating Centre for Strategic Purchasing",
    description:
      "HIRA was designated a WHO Collaborating Centre for Strategic Purchasing in Dec 2021 " +
      "(celebrated at HIRA headquarters, Wonju, 8 Feb 2022). It offers country-tailored " +
      "consultancies on request, an annual international symposium and training courses, " +
      "takes part in the OECD Working Party on Health Care Quality and Outcomes, and has " +
      "cooperated with WHO since 2015.",
    objectives:
      "Terms of reference: co-hosting education programmes on strategic purchasing; funding " +
      "resources, experts and activities for universal health coverage.",
    status: "IMPLEMENTATION",
    sourceNote: "Public news release (HIRA), Feb 2022",
    translations: { ko: { title: "건강보험심사평가원 WHO 전략구매 협력센터" } },
    organisations: [
      ["HIRA", "FUNDING"],
      ["HIRA", "IMPLEMENTING"],
      ["WHO", "ACCOUNTABLE"],
    ],
    // Countries of the consultancies and the Bahrain contract; no split is given.
    // A WHO collaborating centre's work is worldwide: published as region 998
    // (developing countries, unspecified), the countries on its activities.
    regions: [["998", null]],
    countries: [
      ["ID", null],
      ["KH", null],
      ["PE", null],
      ["CO", null],
      ["GH", null],
      ["ET", null],
      ["MX", null],
      ["EC", null],
      ["BH", null],
    ],
    sectors: [
      ["12110", "80"], // Health policy and administrative management
      ["16012", "20"], // Social security (excl pensions): health-insurance operations
    ],
    agreements: [
      {
        ref: "cc",
        type: "CC_DESIGNATION",
        title: "Designation of HIRA as WHO Collaborating Centre for Strategic Purchasing",
        description:
          "Terms of reference: co-hosting education programmes on strategic purchasing; funding " +
          "resources, experts and activities for universal health coverage.",
        status: "ACTIVE",
        signedOn: "2021-12",
        parties: [
          ["WHO", "DESIGNATING_BODY"],
          ["HIRA", "DESIGNATED_INSTITUTION"],
        ],
        translations: { ko: { title: "건강보험심사평가원 WHO 협력센터 지정" } },
      },
      {
        ref: "sehati",
        type: "CONTRACT",
        title: "Bahrain SEHATI-IT project contract",
        description: "First export of a health-insurance operation system.",
        status: "SIGNED",
        value: "32000000000",
        currency: "KRW",
        parties: [
          ["HIRA", "CONTRACTOR"],
          ["Bahrain SCH", "CLIENT"],
        ],
      },
    ],
    activities: [
      {
        ref: "ceremony",
        kind: "HIGH_LEVEL_MEETING",
        title: "Ceremony celebrating the WHO Collaborating Centre designation",
        countryCode: "KR",
        city: "Wonju",
        status: "COMPLETED",
        start: "2022-02-08",
        end: "2022-02-08",
        organisations: [
          ["HIRA", "HOST"],
          ["WHO", "PARTICIPANT"],
        ],
        agreements: ["cc"],
        translations: { ko: { title: "WHO 협력센터 지정 기념식" } },
      },
      // Consultancies: "earlier years" carry no date; Mexico and Ecuador a year.
      ...(
        [
          ["ID", "Indonesia"],
          ["KH", "Cambodia"],
          ["PE", "Peru"],
          ["CO", "Colombia"],
          ["GH", "Ghana"],
          ["ET", "Ethiopia"],
        ] as const
      ).map(
        ([code, name]): ActivitySpec => ({
          ref: `consultancy-${code}`,
          kind: "CONSULTANCY",
          title: `Country-tailored consultancy — ${name}`,
          description: "Provided on the country's request.",
          countryCode: code,
          status: "COMPLETED",
          organisations: [["HIRA", "ORGANISER"]],
        }),
      ),
      {
        ref: "consultancy-MX",
        kind: "CONSULTANCY",
        title: "Country-tailored consultancy — Mexico",
        description: "Provided on the country's request.",
        countryCode: "MX",
        status: "COMPLETED",
        start: "2021",
        organisations: [["HIRA", "ORGANISER"]],
      },
      {
        ref: "consultancy-EC",
        kind: "CONSULTANCY",
        title: "Country-tailored consultancy — Ecuador",
        description: "Planned on the country's request.",
        countryCode: "EC",
        status: "PLANNED",
        start: "2022",
        organisations: [["HIRA", "ORGANISER"]],
      },
      {
        ref: "training-shi",
        kind: "TRAINING_COURSE",
        title: "Training Course on Social Health Insurance 2022",
        description: "One of the training courses HIRA runs every year.",
        countryCode: "KR",
        status: "COMPLETED",
        start: "2022",
        organisations: [["HIRA", "ORGANISER"]],
      },
      {
        ref: "dur",
        kind: "SYMPOSIUM",
        title: "International symposium on 10 years of drug utilization review (DUR)",
        description: "HIRA's annual international symposium.",
        countryCode: "KR",
        status: "COMPLETED",
        organisations: [["HIRA", "ORGANISER"]],
        translations: { ko: { title: "DUR 10주년 국제 심포지엄" } },
      },
      {
        ref: "hcqo",
        kind: "POLICY_DIALOGUE",
        title: "Participation in the OECD Working Party on Health Care Quality and Outcomes",
        status: "ONGOING",
        organisations: [
          ["OECD", "ORGANISER"],
          ["HIRA", "PARTICIPANT"],
        ],
      },
    ],
    deliverables: [
      {
        ref: "tor-education",
        title: "Co-hosted education programmes on strategic purchasing",
        description: "Term of reference of the WHO Collaborating Centre.",
        agreement: "cc",
        responsible: "HIRA",
        status: "IN_PROGRESS",
      },
      {
        ref: "tor-resources",
        title: "Funding resources, experts and activities for universal health coverage",
        description: "Term of reference of the WHO Collaborating Centre.",
        agreement: "cc",
        responsible: "HIRA",
        status: "IN_PROGRESS",
      },
      {
        ref: "sehati-system",
        title: "Health-insurance operation system for Bahrain (SEHATI-IT)",
        agreement: "sehati",
        responsible: "HIRA",
        status: "IN_PROGRESS",
      },
    ],
    indicators: [],
    // The contract value is recorded on the agreement; its date is not known,
    // and a funding line needs a value date.
    funding: [],
  },

  // 4 ------------------------------------------------------------------------
  {
    code: "KR-CA-HEALTH",
    title: "Korea – Central Asia health cooperation",
    description:
      "Health cooperation with Kazakhstan, Turkmenistan and Uzbekistan led by the Ministry of " +
      "Health and Welfare around the state visit of 16–23 Apr 2019: implementation plans, a " +
      "cooperation centre in Uzbekistan, eHealth planning, cancer care, hospital PPP, " +
      "health-insurance training and medical-device exports.",
    status: "IMPLEMENTATION",
    sourceNote: "Public news release (MOHW-KR), Apr 2019",
    translations: {
      ko: { title: "한-중앙아시아 보건의료 협력" },
      ru: { title: "Сотрудничество Кореи и Центральной Азии в области здравоохранения" },
    },
    organisations: [
      ["MOHW-KR", "ACCOUNTABLE"],
      ["MOH-KZ", "IMPLEMENTING"],
      ["MOH-TM", "IMPLEMENTING"],
      ["MOH-UZ", "IMPLEMENTING"],
      ["HIRA", "IMPLEMENTING"],
      ["NCC-KR", "IMPLEMENTING"],
      ["KHIDI", "IMPLEMENTING"],
      ["KNUH", "IMPLEMENTING"],
    ],
    // No split between the three is given: published as region 619 (Central
    // Asia, regional), the countries on its agreements and activities.
    regions: [["619", null]],
    countries: [
      ["KZ", null],
      ["TM", null],
      ["UZ", null],
    ],
    sectors: [
      ["12110", "50"], // Health policy and administrative management
      ["12191", "20"], // Medical services
      ["12350", "20"], // Other prevention and treatment of NCDs (cancer)
      ["12281", "10"], // Health personnel development (personnel exchange)
    ],
    // Signed during the state visit (Apr 2019): month precision. The KNUH and
    // Meere Company agreements are not dated in the source.
    agreements: [
      {
        ref: "ip-kz",
        type: "IMPLEMENTATION_PLAN",
        title: "Implementation plan for health cooperation with Kazakhstan",
        description:
          "More specific than an MoU: a working group; exchange of medical personnel, " +
          "pharmaceuticals and medical devices.",
        status: "SIGNED",
        signedOn: "2019-04",
        parties: [
          ["MOHW-KR", "SIGNATORY"],
          ["MOH-KZ", "SIGNATORY"],
        ],
        translations: {
          ru: { title: "План реализации сотрудничества в области здравоохранения с Казахстаном" },
        },
      },
      {
        ref: "ip-tm",
        type: "IMPLEMENTATION_PLAN",
        title: "Implementation plan for health cooperation with Turkmenistan",
        description:
          "More specific than an MoU: a working group; exchange of medical personnel, " +
          "pharmaceuticals and medical devices.",
        status: "SIGNED",
        signedOn: "2019-04",
        parties: [
          ["MOHW-KR", "SIGNATORY"],
          ["MOH-TM", "SIGNATORY"],
        ],
      },
      {
        ref: "mou-uz",
        type: "MOU",
        title: "MoU with the Ministry of Health of Uzbekistan on a health cooperation centre",
        description: "To run a Korea–Uzbekistan health cooperation centre.",
        status: "SIGNED",
        signedOn: "2019-04",
        parties: [
          ["MOHW-KR", "SIGNATORY"],
          ["MOH-UZ", "SIGNATORY"],
        ],
      },
      {
        ref: "mou-knuh",
        type: "MOU",
        title: "MoU on medical cooperation between KNUH and Samarkand State Medical Institute hospital",
        status: "SIGNED",
        parties: [
          ["KNUH", "SIGNATORY"],
          ["SamSMI", "SIGNATORY"],
        ],
      },
      {
        ref: "meere",
        type: "CONTRACT",
        title: "Export contract for the Meere Company surgical robot to a Kazakh distributor",
        description: "The distributor is not named in the source.",
        status: "SIGNED",
        parties: [["Meere Company", "CONTRACTOR"]],
      },
    ],
    activities: [
      {
        ref: "state-visit",
        kind: "HIGH_LEVEL_MEETING",
        title: "State visit to Central Asia: high-level health cooperation meetings",
        description: "State visit to Turkmenistan, Uzbekistan and Kazakhstan.",
        status: "COMPLETED",
        start: "2019-04-16",
        end: "2019-04-23",
        organisations: [
          ["MOHW-KR", "PARTICIPANT"],
          ["MOH-KZ", "PARTICIPANT"],
          ["MOH-TM", "PARTICIPANT"],
          ["MOH-UZ", "PARTICIPANT"],
        ],
        agreements: ["ip-kz", "ip-tm", "mou-uz"],
        outcomes: [
          {
            type: "DECISION",
            text:
              "Implementation plans with Kazakhstan and Turkmenistan: set up a working group and " +
              "exchange medical personnel, pharmaceuticals and medical devices.",
            responsible: "MOHW-KR",
          },
          {
            type: "DECISION",
            text: "A Korea–Uzbekistan health cooperation centre to be run under an MoU.",
            responsible: "MOHW-KR",
          },
          {
            type: "AGREED_NEXT_STEP",
            text: "Co-establish an eHealth comprehensive plan with Turkmenistan and Uzbekistan.",
            responsible: "MOHW-KR",
            deliverable: "ehealth",
          },
        ],
        translations: { ko: { title: "중앙아시아 국빈 방문 계기 보건의료 고위급 회담" } },
      },
      {
        ref: "uz-forum",
        kind: "POLICY_DIALOGUE",
        title: "Policy forum at the opening of the Korea–Uzbekistan health cooperation centre",
        countryCode: "UZ",
        status: "COMPLETED",
        participantsTotal: 150,
        participantsNote: "150 participants from both countries",
        organisations: [
          ["MOHW-KR", "ORGANISER"],
          ["MOH-UZ", "ORGANISER"],
        ],
        agreements: ["mou-uz"],
      },
      {
        ref: "hira-kz",
        kind: "POLICY_DIALOGUE",
        title: "HIRA discussion on training with Kazakhstan's health-insurance officers",
        description:
          "Kazakhstan's national health insurance was due to start the following year; HIRA aims " +
          "to export its health insurance management information system.",
        countryCode: "KZ",
        status: "COMPLETED",
        organisations: [["HIRA", "ORGANISER"]],
      },
      {
        ref: "ncc-umc",
        kind: "EXPERT_EXCHANGE",
        title: "Expert exchange on cancer prevention, diagnosis and treatment (NCC-KR – UMC-KZ)",
        countryCode: "KZ",
        status: "PLANNED",
        organisations: [
          ["NCC-KR", "ORGANISER"],
          ["UMC-KZ", "PARTICIPANT"],
        ],
      },
      {
        ref: "khidi-cancer",
        kind: "POLICY_DIALOGUE",
        title: "Introduction of Korean cancer-management policy in Kazakhstan",
        countryCode: "KZ",
        status: "PLANNED",
        organisations: [
          ["KHIDI", "ORGANISER"],
          ["HDC-KZ", "PARTICIPANT"],
        ],
      },
    ],
    deliverables: [
      {
        ref: "ehealth",
        title: "eHealth comprehensive plan with Turkmenistan and Uzbekistan",
        responsible: "MOHW-KR",
        status: "NOT_STARTED",
      },
      {
        ref: "ppp",
        title: "Public-hospital PPP project in Kazakhstan",
        description: "Developed by KHIDI with KIND, the Health Development Center and the PPP Center.",
        responsible: "KHIDI",
        status: "NOT_STARTED",
      },
    ],
    indicators: [],
    funding: [],
  },

  // 5 ------------------------------------------------------------------------
  // Years: the source dates only the savings (2022) and the 15-million
  // donation (27 Dec, no year). Our reading: the other figures are those
  // reported with the 2022 results, so their indicator periods and the budget
  // line are 2022; the reward for 2022 was paid in 2023; the 15 million was
  // donated on 27 Dec 2023, the year before the 8-million donation (2024).
  // Where a funding line has no transaction date its value date is 1 Jan of
  // its fiscal year (all amounts are KRW, so no conversion depends on it).
  {
    code: "BUSAN-MEDAID",
    title: "Medical Aid financial management, Busan",
    description:
      "Domestic programme of Busan Metropolitan City evaluated by the Ministry of Health and " +
      "Welfare, with HIRA as partner: financial management of Medical Aid, a survey of long-term " +
      "frequent inpatients and a home-based medical aid pilot. A results-framework example.",
    status: "IMPLEMENTATION",
    sourceNote: "Public news release, Busan Metropolitan City (undated; reports the 2022 results)",
    translations: { ko: { title: "부산광역시 의료급여 재정 관리" } },
    organisations: [
      ["MOHW-KR", "ACCOUNTABLE"],
      ["Busan City", "IMPLEMENTING"],
      ["HIRA", "IMPLEMENTING"],
    ],
    countries: [["KR", "100"]],
    sectors: [
      ["12110", "60"], // Health policy and administrative management
      ["16010", "40"], // Social protection (Medical Aid is a public-assistance scheme)
    ],
    agreements: [],
    activities: [
      {
        ref: "survey",
        kind: "CONSULTANCY",
        title: "Survey of long-term frequent inpatients in nursing hospitals",
        description: "190 patients in 15 nursing hospitals.",
        countryCode: "KR",
        city: "Busan",
        status: "COMPLETED",
        participantsTotal: 190,
        participantsNote: "190 long-term frequent inpatients in 15 nursing hospitals",
        organisations: [["Busan City", "ORGANISER"]],
      },
      {
        ref: "home-pilot",
        kind: "CONSULTANCY",
        title: "Home-based medical aid pilot in six districts",
        description:
          "Buk-gu, Haeundae-gu, Busanjin-gu, Seo-gu, Dongnae-gu and Sasang-gu; over 88% " +
          "participant satisfaction.",
        countryCode: "KR",
        city: "Busan",
        status: "ONGOING",
        organisations: [["Busan City", "ORGANISER"]],
        outcomes: [
          {
            type: "DECISION",
            text: "Nationwide expansion of home-based medical aid planned for July of the following year.",
            responsible: "MOHW-KR",
          },
        ],
        translations: { ko: { title: "재가 의료급여 시범사업 (6개 구)" } },
      },
    ],
    deliverables: [],
    indicators: [
      {
        title: "Savings against expected Medical Aid payments",
        resultType: "OUTCOME",
        measure: "UNIT",
        unitLabel: "KRW",
        periods: [
          {
            start: "2022-01-01",
            end: "2022-12-31",
            actual: "34100000000",
            actualComment: "Rank 1 of 17 cities/provinces; reward of 25 million KRW.",
          },
        ],
        translations: { ko: { title: "의료급여 예상 지급액 대비 절감액" } },
      },
      {
        title: "Medical Aid recipients",
        resultType: "OTHER",
        measure: "UNIT",
        unitLabel: "people",
        periods: [
          {
            start: "2022-01-01",
            end: "2022-12-31",
            actual: "146619",
            actualComment: "Year not stated; reported with the 2022 results.",
          },
        ],
      },
      {
        title: "Share of recipients aged 65 or over",
        resultType: "OTHER",
        measure: "PERCENTAGE",
        periods: [
          {
            start: "2022-01-01",
            end: "2022-12-31",
            actual: "44.4",
            actualComment: "Year not stated; reported with the 2022 results.",
          },
        ],
      },
      {
        title: "Participant satisfaction with the home-based medical aid pilot",
        resultType: "OUTCOME",
        measure: "PERCENTAGE",
        periods: [
          {
            start: "2022-01-01",
            end: "2022-12-31",
            actual: "88",
            actualComment: "Over 88%. Year not stated; reported with the 2022 results.",
          },
        ],
      },
    ],
    funding: [
      {
        kind: "BUDGET",
        description: "Annual Medical Aid budget of Busan",
        receiver: "Busan City",
        fiscalYear: 2022,
        periodStart: "2022-01-01",
        periodEnd: "2022-12-31",
        valueDate: "2022-01-01",
        amount: "1165700000000",
        currency: "KRW",
      },
      {
        kind: "INCOMING_FUNDS",
        description: "Reward for ranking first in the 2022 Medical Aid financial management evaluation",
        provider: "MOHW-KR",
        receiver: "Busan City",
        fiscalYear: 2023,
        valueDate: "2023-01-01",
        amount: "25000000",
        currency: "KRW",
      },
      {
        kind: "DISBURSEMENT",
        description: "Donation from reward funds (27 Dec)",
        provider: "Busan City",
        fiscalYear: 2023,
        transactionDate: "2023-12-27",
        valueDate: "2023-12-27",
        amount: "15000000",
        currency: "KRW",
      },
      {
        kind: "DISBURSEMENT",
        description:
          "Donation from reward funds: supplies for recipients moving from nursing hospitals to care facilities",
        provider: "Busan City",
        fiscalYear: 2024,
        valueDate: "2024-01-01",
        amount: "8000000",
        currency: "KRW",
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Engine

export type SeedDemoUser = {
  email: string;
  name: string;
  role: "ADMIN" | "STAFF" | "PARTNER" | "DONOR";
  passwordHash: string;
  countries?: string[];
  organisationShortNames?: string[];
};

const COUNT_KEYS = [
  "country",
  "organisation",
  "programme",
  "programmeOrganisation",
  "programmeCountry",
  "programmeSector",
  "agreement",
  "agreementParty",
  "activity",
  "activityAgreement",
  "activityOrganisation",
  "deliverable",
  "outcome",
  "indicator",
  "indicatorPeriod",
  "fundingLine",
  "user",
  "userCountry",
  "userOrganisation",
  "reportingRequirement",
  "progressReport",
] as const;
type CountKey = (typeof COUNT_KEYS)[number];
type Counts = Record<CountKey, number>;

/**
 * A stable, cuid-shaped id ("c" + 24 base-36 characters) for a demo record,
 * derived from its programme and its seed title, so the record is recognised
 * after a user renames it. Also gives demo records the same URL everywhere.
 */
export function demoId(...parts: string[]): string {
  const digest = createHash("sha256").update(`concord-demo\u0000${parts.join("\u0000")}`).digest();
  const n = BigInt(`0x${digest.subarray(0, 16).toString("hex")}`);
  return `c${n.toString(36).padStart(25, "0").slice(-24)}`;
}

/** "2019-11-25" | "2019-11" | "2021" -> the first day, in UTC, and its precision. */
function parsePartialDate(value: string): { date: Date; precision: DatePrecision } {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) throw new Error(`Bad date in demo data: ${value}`);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1));
  return { date, precision: d ? "DAY" : m ? "MONTH" : "YEAR" };
}

function day(value: string): Date {
  const { date, precision } = parsePartialDate(value);
  if (precision !== "DAY") throw new Error(`Expected a full date in demo data: ${value}`);
  return date;
}

function json(t: Translations | undefined): Prisma.InputJsonValue {
  return (t ?? {}) as Prisma.InputJsonValue;
}

type OrgIds = Map<string, string>;

function orgId(orgs: OrgIds, shortName: string): string {
  const id = orgs.get(shortName);
  if (!id) throw new Error(`Unknown organisation short name: ${shortName}`);
  return id;
}

/** Finds a child by deterministic id or natural key; creates it when neither exists. */
async function findOrCreate(
  find: () => Promise<{ id: string } | null>,
  create: () => Promise<{ id: string }>,
): Promise<{ id: string; created: boolean }> {
  const found = await find();
  if (found) return { id: found.id, created: false };
  const made = await create();
  return { id: made.id, created: true };
}

async function seedOrganisations(prisma: PrismaClient, counts: Counts): Promise<OrgIds> {
  return prisma.$transaction(async (tx) => {
    const ids: OrgIds = new Map();
    for (const o of DEMO_ORGANISATIONS) {
      const existing = await tx.organisation.findUnique({
        where: { shortName: o.shortName },
        select: { id: true },
      });
      if (existing) {
        ids.set(o.shortName, existing.id);
        continue;
      }
      const made = await tx.organisation.create({
        data: {
          shortName: o.shortName,
          fullName: o.fullName,
          countryCode: o.countryCode,
          iatiTypeCode: o.iatiTypeCode,
          iatiRef: o.iatiRef ?? null,
          description: o.description,
          translations: json(o.translations),
        },
        select: { id: true },
      });
      counts.organisation++;
      ids.set(o.shortName, made.id);
    }
    return ids;
  });
}

async function seedProgramme(tx: Prisma.TransactionClient, p: ProgrammeSpec, orgs: OrgIds, counts: Counts) {
  // Programme -----------------------------------------------------------------
  let programme = await tx.programme.findUnique({ where: { code: p.code }, select: { id: true } });
  if (!programme) {
    programme = await tx.programme.create({
      data: {
        code: p.code,
        title: p.title,
        description: p.description,
        objectives: p.objectives ?? null,
        status: p.status,
        sourceNote: p.sourceNote,
        translations: json(p.translations),
      },
      select: { id: true },
    });
    counts.programme++;
    const roles = await tx.programmeOrganisation.createMany({
      data: p.organisations.map(([s, role]) => ({ programmeId: programme!.id, organisationId: orgId(orgs, s), role })),
    });
    counts.programmeOrganisation += roles.count;
    const countries = await tx.programmeCountry.createMany({
      data: p.countries.map(([countryCode, percentage]) => ({ programmeId: programme!.id, countryCode, percentage })),
    });
    counts.programmeCountry += countries.count;
    if (p.regions?.length) {
      await tx.programmeRegion.createMany({
        data: p.regions.map(([regionCode, percentage]) => ({ programmeId: programme!.id, regionCode, percentage })),
      });
    }
    const total = p.sectors.reduce((sum, [, pct]) => sum + Number(pct), 0);
    if (total !== 100) throw new Error(`Sectors of ${p.code} sum to ${total}%, not 100%`);
    const sectors = await tx.programmeSector.createMany({
      data: p.sectors.map(([sectorCode, percentage]) => ({ programmeId: programme!.id, sectorCode, percentage })),
    });
    counts.programmeSector += sectors.count;
  }
  const programmeId = programme.id;
  const key = (kind: string, title: string) => demoId(p.code, kind, title);

  // Agreements ------------------------------------------------------------------
  const agreements = new Map<string, { id: string; created: boolean }>();
  for (const a of p.agreements) {
    const id = key("agreement", a.title);
    const signed = a.signedOn ? parsePartialDate(a.signedOn) : null;
    const row = await findOrCreate(
      () => tx.agreement.findFirst({ where: { OR: [{ id }, { programmeId, title: a.title }] }, select: { id: true } }),
      () =>
        tx.agreement.create({
          data: {
            id,
            programmeId,
            type: a.type,
            title: a.title,
            description: a.description ?? null,
            status: a.status,
            signedOn: signed?.date ?? null,
            signedPrecision: signed?.precision ?? "DAY",
            value: a.value ?? null,
            currency: a.currency ?? null,
            translations: json(a.translations),
          },
          select: { id: true },
        }),
    );
    agreements.set(a.ref, row);
    if (row.created) {
      counts.agreement++;
      const parties = await tx.agreementParty.createMany({
        data: a.parties.map(([s, role]) => ({ agreementId: row.id, organisationId: orgId(orgs, s), role })),
      });
      counts.agreementParty += parties.count;
    }
  }

  // Activities ------------------------------------------------------------------
  const activities = new Map<string, { id: string; created: boolean }>();
  for (const a of p.activities) {
    const id = key("activity", a.title);
    const start = a.start ? parsePartialDate(a.start) : null;
    const end = a.end ? parsePartialDate(a.end) : null;
    // The date is the planned one; it is also the actual one once the activity
    // has started (ONGOING: start only) or taken place (COMPLETED).
    const begun = a.status === "ONGOING" || a.status === "COMPLETED";
    const row = await findOrCreate(
      () => tx.activity.findFirst({ where: { OR: [{ id }, { programmeId, title: a.title }] }, select: { id: true } }),
      () =>
        tx.activity.create({
          data: {
            id,
            programmeId,
            kind: a.kind,
            title: a.title,
            description: a.description ?? null,
            countryCode: a.countryCode ?? null,
            city: a.city ?? null,
            status: a.status,
            plannedStart: start?.date ?? null,
            plannedEnd: end?.date ?? null,
            actualStart: begun ? (start?.date ?? null) : null,
            actualEnd: a.status === "COMPLETED" ? (end?.date ?? null) : null,
            datePrecision: start?.precision ?? "DAY",
            participantsTotal: a.participantsTotal ?? null,
            participantsNote: a.participantsNote ?? null,
            translations: json(a.translations),
          },
          select: { id: true },
        }),
    );
    activities.set(a.ref, row);
    if (row.created) {
      counts.activity++;
      const roles = await tx.activityOrganisation.createMany({
        data: (a.organisations ?? []).map(([s, role]) => ({ activityId: row.id, organisationId: orgId(orgs, s), role })),
      });
      counts.activityOrganisation += roles.count;
    }
    for (const ref of a.agreements ?? []) {
      const agreement = agreements.get(ref);
      if (!agreement) throw new Error(`${p.code}: activity "${a.title}" names unknown agreement ${ref}`);
      // A link a user removed between two existing records stays removed.
      if (!row.created && !agreement.created) continue;
      await tx.activityAgreement.create({ data: { activityId: row.id, agreementId: agreement.id } });
      counts.activityAgreement++;
    }
  }

  // Deliverables ----------------------------------------------------------------
  const deliverables = new Map<string, string>();
  for (const d of p.deliverables) {
    const id = key("deliverable", d.title);
    const agreementId = d.agreement ? agreements.get(d.agreement)?.id : undefined;
    const activityId = d.activity ? activities.get(d.activity)?.id : undefined;
    if (d.agreement && !agreementId) throw new Error(`${p.code}: unknown agreement ${d.agreement}`);
    if (d.activity && !activityId) throw new Error(`${p.code}: unknown activity ${d.activity}`);
    const row = await findOrCreate(
      () => tx.deliverable.findFirst({ where: { OR: [{ id }, { programmeId, title: d.title }] }, select: { id: true } }),
      () =>
        tx.deliverable.create({
          data: {
            id,
            programmeId,
            agreementId: agreementId ?? null,
            activityId: activityId ?? null,
            responsibleOrgId: d.responsible ? orgId(orgs, d.responsible) : null,
            title: d.title,
            description: d.description ?? null,
            status: d.status,
            dueDate: d.dueDate ? parsePartialDate(d.dueDate).date : null,
            translations: json(d.translations),
          },
          select: { id: true },
        }),
    );
    if (row.created) counts.deliverable++;
    deliverables.set(d.ref, row.id);
  }

  // Outcomes (after deliverables, which they may point to) ----------------------
  for (const a of p.activities) {
    const activityId = activities.get(a.ref)!.id;
    for (const o of a.outcomes ?? []) {
      const id = key(`outcome/${a.title}`, o.text);
      const deliverableId = o.deliverable ? deliverables.get(o.deliverable) : undefined;
      if (o.deliverable && !deliverableId) throw new Error(`${p.code}: unknown deliverable ${o.deliverable}`);
      const row = await findOrCreate(
        () => tx.outcome.findFirst({ where: { OR: [{ id }, { activityId, text: o.text }] }, select: { id: true } }),
        () =>
          tx.outcome.create({
            data: {
              id,
              activityId,
              type: o.type,
              text: o.text,
              responsibleOrgId: o.responsible ? orgId(orgs, o.responsible) : null,
              followUpStatus: o.followUpStatus ?? "NOT_STARTED",
              deliverableId: deliverableId ?? null,
            },
            select: { id: true },
          }),
      );
      if (row.created) counts.outcome++;
      // Its follow-up as one action, the way the follow_up_actions migration moved existing data.
      if (row.created && ((o.followUpStatus ?? "NOT_STARTED") !== "NOT_STARTED" || deliverableId)) {
        await tx.followUpAction.create({
          data: {
            id: `fu_${row.id}`,
            outcomeId: row.id,
            description: o.text,
            ownerOrgId: o.responsible ? orgId(orgs, o.responsible) : null,
            status: o.followUpStatus ?? "NOT_STARTED",
            deliverableId: deliverableId ?? null,
          },
        });
      }
    }
  }

  // Indicators and periods ------------------------------------------------------
  for (const i of p.indicators) {
    const id = key("indicator", i.title);
    const row = await findOrCreate(
      () => tx.indicator.findFirst({ where: { OR: [{ id }, { programmeId, title: i.title }] }, select: { id: true } }),
      () =>
        tx.indicator.create({
          data: {
            id,
            programmeId,
            resultType: i.resultType,
            measure: i.measure,
            title: i.title,
            description: i.description ?? null,
            unitLabel: i.unitLabel ?? null,
            ascending: i.ascending ?? true,
            translations: json(i.translations),
          },
          select: { id: true },
        }),
    );
    if (row.created) counts.indicator++;
    for (const period of i.periods) {
      const periodStart = day(period.start);
      const periodId = demoId(p.code, "period", i.title, period.start);
      const made = await findOrCreate(
        () =>
          tx.indicatorPeriod.findFirst({
            where: { OR: [{ id: periodId }, { indicatorId: row.id, periodStart }] },
            select: { id: true },
          }),
        () =>
          tx.indicatorPeriod.create({
            data: {
              id: periodId,
              indicatorId: row.id,
              periodStart,
              periodEnd: day(period.end),
              targetValue: period.target ?? null,
              actualValue: period.actual ?? null,
              targetComment: period.targetComment ?? null,
              actualComment: period.actualComment ?? null,
            },
            select: { id: true },
          }),
      );
      if (made.created) counts.indicatorPeriod++;
    }
  }

  // Funding lines ----------------------------------------------------------------
  for (const f of p.funding) {
    const id = key("funding", f.description);
    const row = await findOrCreate(
      () =>
        tx.fundingLine.findFirst({
          where: { OR: [{ id }, { programmeId, description: f.description }] },
          select: { id: true },
        }),
      () =>
        tx.fundingLine.create({
          data: {
            id,
            programmeId,
            kind: f.kind,
            providerOrgId: f.provider ? orgId(orgs, f.provider) : null,
            receiverOrgId: f.receiver ? orgId(orgs, f.receiver) : null,
            fiscalYear: f.fiscalYear ?? null,
            periodStart: f.periodStart ? day(f.periodStart) : null,
            periodEnd: f.periodEnd ? day(f.periodEnd) : null,
            transactionDate: f.transactionDate ? day(f.transactionDate) : null,
            valueDate: day(f.valueDate),
            amount: f.amount,
            currency: f.currency,
            description: f.description,
          },
          select: { id: true },
        }),
    );
    if (row.created) counts.fundingLine++;
  }
}

async function seedUsers(prisma: PrismaClient, users: SeedDemoUser[], orgs: OrgIds, counts: Counts) {
  for (const u of users) {
    const email = u.email.trim().toLowerCase();
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    // An existing account (and the scope an admin may have changed) is left alone.
    if (existing) continue;
    const countries = [...new Set(u.countries ?? [])];
    const organisationIds = [...new Set((u.organisationShortNames ?? []).map((s) => orgId(orgs, s)))];
    await prisma.user.create({
      data: {
        email,
        name: u.name,
        role: u.role,
        passwordHash: u.passwordHash,
        isDemo: true,
        countries: { create: countries.map((countryCode) => ({ countryCode })) },
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
      },
    });
    counts.user++;
    counts.userCountry += countries.length;
    counts.userOrganisation += organisationIds.length;
  }
}

/**
 * Loads the demo portfolio (countries, 27 organisations, 5 programmes and
 * everything in them) and the given demo users. Safe to run again: it only
 * creates what is missing and never changes an existing record.
 */
/**
 * HIRA as IATI publisher. HIRA's real organisation identifier could not be
 * verified (no IATI Registry account was found for it), so the identifier is
 * visibly illustrative (EXAMPLE) though valid in shape; /admin/publisher says it
 * must be replaced before registering with the IATI Registry
 * (docs/decisions/0030-iati-publisher-identity.md).
 */
export const DEMO_PUBLISHER = {
  orgRef: "KR-BRN-EXAMPLE-HIRA",
  orgType: "15",
  name: "Health Insurance Review & Assessment Service",
  lang: "en",
  translations: { ko: { name: "건강보험심사평가원" } },
  defaultCurrency: "KRW",
  publicBaseUrl: "https://concord.example.org",
};

export async function seedDemo(
  prisma: PrismaClient,
  opts: { users: SeedDemoUser[] },
): Promise<{ created: Record<string, number> }> {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;
  counts.country = await seedCountries(prisma);
  const orgs = await seedOrganisations(prisma, counts);
  for (const p of DEMO_PROGRAMMES) {
    // Count into a copy so a programme that rolls back adds nothing.
    const local = { ...counts };
    await prisma.$transaction((tx) => seedProgramme(tx, p, orgs, local), {
      maxWait: 10_000,
      timeout: 60_000,
    });
    Object.assign(counts, local);
  }
  await seedUsers(prisma, opts.users, orgs, counts);
  // The centre as IATI publisher, unless an administrator has set it already.
  await prisma.publisherSettings.upsert({ where: { id: 1 }, create: { id: 1, ...DEMO_PUBLISHER }, update: {} });
  await seedDemoIatiPlaces(prisma);
  // Issue 18: reporting requirements and a cycle at work, reviewed by the first staff account and reported by a Belarus partner.
  const reporting = await seedDemoReporting(prisma, {
    id: demoId,
    staffEmail: opts.users.find((u) => u.role === "STAFF")?.email,
    partnerEmail: opts.users.find((u) => u.role === "PARTNER" && u.countries?.includes("BY"))?.email,
  });
  counts.reportingRequirement += reporting.reportingRequirement;
  counts.progressReport += reporting.progressReport;
  return { created: counts };
}
