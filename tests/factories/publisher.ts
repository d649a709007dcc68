import type { PrismaClient } from "@prisma/client";

// The centre's IATI publisher settings (one row, id 1) for tests that build
// IATI files. Tests share the database, so this upserts: the same values for
// every test unless a test passes its own (and then restores them itself).

export const TEST_PUBLISHER = {
  orgRef: "KR-BRN-TEST-CENTRE",
  orgType: "10",
  name: "Test Cooperation Centre",
  lang: "en",
  translations: { ru: { name: "Тестовый центр сотрудничества" }, ko: { name: "테스트 협력 센터" } },
  defaultCurrency: "USD",
  publicBaseUrl: "https://concord.example.org",
} as const;

type PublisherOverrides = Partial<Record<Exclude<keyof typeof TEST_PUBLISHER, "translations">, string>>;

export async function ensurePublisher(db: PrismaClient, overrides: PublisherOverrides = {}) {
  const data = { ...TEST_PUBLISHER, translations: { ...TEST_PUBLISHER.translations }, ...overrides };
  return db.publisherSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}
