import { geoNaturalEarth1, geoPath } from "d3-geo";
import countries from "i18n-iso-countries";
import fs from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

// The world map of the portfolio page, drawn offline: the Natural Earth
// 1:110m country outlines shipped in the world-atlas package are read from
// node_modules on the server, converted from TopoJSON and projected here into
// SVG path strings. Only those strings (and the countries' codes and names)
// go to the browser, so d3-geo and topojson-client never enter the client
// bundle and the page needs no tiles or network.
//
// world-atlas identifies countries by ISO 3166-1 numeric code ("112" is
// Belarus); Concord stores alpha-2 codes. i18n-iso-countries maps between
// them. Three outlines have no ISO code (N. Cyprus, Somaliland, Kosovo):
// they are drawn but never shaded. Antarctica is left out (no partner
// country, and it would take a fifth of the height).

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

export type MapShape = { code: string | null; name: string; d: string };

/** "112" or 112 -> "BY"; null when the numeric code is unknown. */
export function numericToAlpha2(numeric: string | number): string | null {
  return countries.numericToAlpha2(String(numeric).padStart(3, "0")) ?? null;
}

export function alpha2ToNumeric(alpha2: string): string | null {
  return countries.alpha2ToNumeric(alpha2.toUpperCase()) ?? null;
}

type CountryProps = { name: string };

let cached: MapShape[] | null = null;

function readAtlas(): Topology<{ countries: GeometryCollection<CountryProps> }> {
  const require = createRequire(import.meta.url);
  const file = require.resolve("world-atlas/countries-110m.json");
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The projected outlines, computed once per process. */
export function worldShapes(): MapShape[] {
  if (cached) return cached;
  const topology = readAtlas();
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features.filter((f) => f.id !== "010");
  const projection = geoNaturalEarth1().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: "FeatureCollection", features });
  const path = geoPath(projection).digits(1);
  cached = features
    .map((f) => ({
      code: f.id === undefined ? null : numericToAlpha2(f.id),
      name: f.properties?.name ?? "",
      d: path(f) ?? "",
    }))
    .filter((s) => s.d !== "");
  return cached;
}
