import standardRuleset from "~/data/iati/ruleset-standard";
import OrganisationRegistrationAgency from "~/data/iati/codelists/OrganisationRegistrationAgency";
import { evaluateCase, expandLoop, type IdSets, type RuleCase } from "./rule-types.server";
import { selectNodes, type XNode } from "./xpath.server";

// Runs the IATI Validator ruleset (rulesets/standard.json of IATI-Rulesets,
// copied to app/data/iati/ruleset-standard.ts) on a parsed document, as the
// validator's testRuleset does: every context XPath, every element it
// selects, every rule type and case in file order; loops expanded.

export type Ruleset = Record<string, Record<string, { cases: RuleCase[] }>>;

export type IatiFinding = {
  /** Rule id of the IATI Validator (e.g. "6.2.2"), or "codelist:<Name>", "1.1.2" for duplicates. */
  id: string;
  severity: "error" | "warning" | "info";
  category: string;
  message: string;
  /** The iati-identifier (or organisation-identifier) of the record the finding is about. */
  identifier: string;
  /** Where in the record: an XPath-like location, with a detail when the rule gives one. */
  path: string;
};

/**
 * The validator takes the prefixes of org-id.guide; ours are the IATI
 * OrganisationRegistrationAgency codelist (the same agencies, shipped with
 * the standard). The Registry's publisher list (ORG-ID) is not on this
 * machine: with an empty list NOT_EXISTING_ORG_ID always holds, so those
 * warnings run for every identifier, as they do for an unregistered publisher.
 */
export const DEFAULT_ID_SETS: IdSets = {
  orgIds: new Set(),
  orgIdPrefixes: new Set(OrganisationRegistrationAgency.items.map((i) => i.code)),
};

const SEVERITIES = new Set(["error", "warning", "info"]);

export function checkRuleset(
  doc: XNode,
  identifier: string,
  options: { ruleset?: Ruleset; idSets?: IdSets } = {},
): IatiFinding[] {
  const ruleset = options.ruleset ?? (standardRuleset.ruleset as unknown as Ruleset);
  const idSets = options.idSets ?? DEFAULT_ID_SETS;
  const findings: IatiFinding[] = [];
  for (const [context, rules] of Object.entries(ruleset)) {
    for (const element of selectNodes(context, doc)) {
      for (const [ruleType, { cases }] of Object.entries(rules)) {
        for (const oneCase of cases) {
          const runs = ruleType === "loop" ? expandLoop(element, oneCase) : [{ ruleType, oneCase }];
          for (const run of runs) {
            const verdict = evaluateCase(run.ruleType, element, run.oneCase, idSets);
            if (verdict.result !== false) continue;
            const info = run.oneCase.ruleInfo;
            const where = [...new Set(verdict.where)].join(", ");
            findings.push({
              id: info?.id ?? run.ruleType,
              severity: SEVERITIES.has(info?.severity ?? "") ? (info!.severity as IatiFinding["severity"]) : "error",
              category: info?.category ?? "",
              message: info?.message ?? run.ruleType,
              identifier,
              path: verdict.detail ? `${where} (${verdict.detail})` : where,
            });
          }
        }
      }
    }
  }
  return findings;
}
