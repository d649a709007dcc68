import type { PrismaClient } from "@prisma/client";

// Issue 17: coordinates for the demo's activities whose place the sources
// name as a city (IATI location/point). The city centre, not the venue: the
// sources give the city only (e.g. "HIRA headquarters, Wonju"), so these are
// approximate (IATI exactness 2) and say no more than the city does. "Brest
// region" (a region, not a city) gets none.
// Wonju: the city centre the brief gives (37.3422 N, 127.9202 E).
// Busan: the city centre as commonly cited (35.1796 N, 129.0756 E).
// Only the demo programmes' activities (the synthetic portfolio may have its own in the same cities).
export const DEMO_CITY_CENTRES: Record<string, { programmeCode: string; countryCode: string; latitude: string; longitude: string }> = {
  Wonju: { programmeCode: "HIRA-WHOCC", countryCode: "KR", latitude: "37.3422", longitude: "127.9202" },
  Busan: { programmeCode: "BUSAN-MEDAID", countryCode: "KR", latitude: "35.1796", longitude: "129.0756" },
};

/** Sets the city centre on the demo's activities in those cities that have no coordinates yet (idempotent). */
export async function seedDemoIatiPlaces(prisma: PrismaClient): Promise<number> {
  let updated = 0;
  for (const [city, place] of Object.entries(DEMO_CITY_CENTRES)) {
    const result = await prisma.activity.updateMany({
      where: { city, countryCode: place.countryCode, programme: { code: place.programmeCode }, latitude: null, longitude: null },
      data: { latitude: place.latitude, longitude: place.longitude },
    });
    updated += result.count;
  }
  return updated;
}
