import { lighthouse } from "./lighthouse";
import { growth } from "./growth";
import { importScenario } from "./import";
import { load } from "./load";
import { pages, searchPages } from "./pages";
import type { Scenario } from "./types";

// Every scenario `npm run bench` knows, by name. Add new ones here.
export const SCENARIOS: Record<string, Scenario> = {
  [pages.name]: pages,
  [load.name]: load,
  [lighthouse.name]: lighthouse,
  [growth.name]: growth,
  [importScenario.name]: importScenario,
  [searchPages.name]: searchPages,
};
