// Shade buckets for the portfolio map: at most four ranges of activity
// counts, each with a colour and its range in words for the legend.

export type ShadeBucket = { min: number; max: number; colour: string; label: string };

const SHADES = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"];
export const NO_ACTIVITY_FILL = "#e2e8f0";

const activities = (n: number) => (n === 1 ? "activity" : "activities");

/** A range in English words; the page passes its own, in the reader's language. */
const englishRange = (min: number, max: number) => (min === max ? `${min} ${activities(min)}` : `${min}–${max} activities`);

export function shadeBuckets(maxCount: number, describe: (min: number, max: number) => string = englishRange): ShadeBucket[] {
  if (maxCount <= 0) return [];
  const ranges: [number, number][] = [];
  if (maxCount <= SHADES.length) {
    for (let n = 1; n <= maxCount; n++) ranges.push([n, n]);
  } else {
    const step = Math.ceil(maxCount / SHADES.length);
    for (let lo = 1; lo <= maxCount; lo += step) ranges.push([lo, Math.min(maxCount, lo + step - 1)]);
  }
  const colours = SHADES.slice(SHADES.length - ranges.length);
  return ranges.map(([min, max], i) => ({
    min,
    max,
    colour: colours[i],
    label: describe(min, max),
  }));
}

export function shadeFor(count: number, buckets: ShadeBucket[]): string {
  return buckets.find((b) => count >= b.min && count <= b.max)?.colour ?? NO_ACTIVITY_FILL;
}
