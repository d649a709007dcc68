import { load } from "./load";
import type { Scenario } from "./types";

// Every scenario `npm run bench` knows, by name. Add new ones here.
export const SCENARIOS: Record<string, Scenario> = {
  [load.name]: load,
};
