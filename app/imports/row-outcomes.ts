// What the preview says of a row (client-safe: the preview page lists them).
export const OUTCOMES = ["NEW", "CHANGED", "UNCHANGED", "REFUSED"] as const;
export type Outcome = (typeof OUTCOMES)[number];
