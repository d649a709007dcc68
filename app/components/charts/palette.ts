// Colours for chart series: the Okabe–Ito palette, distinguishable with the
// common colour-vision deficiencies. Colour is never the only signal: every
// chart has a legend in text, <title>s on its marks and a data table.
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D1F", "#444444"];

export const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length];

/** The width the chart SVGs are drawn at (user units); they scale with viewBox. */
export const CHART_WIDTH = 320;
export const LABEL_WIDTH = 104;
export const VALUE_WIDTH = 52;

/** A label that fits the label column of a horizontal chart (the full text is in the <title>). */
export function clip(label: string, max = 17): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Bar length for a value on a scale whose largest value fills `width`. */
export function scaled(value: number, max: number, width: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, (value / max) * width);
}
