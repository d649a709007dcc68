// Shapes of the message catalogues (client-safe, no data).

/** A message that depends on a count: forms as Intl.PluralRules names them. */
export type PluralMessage = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Message = string | PluralMessage;
export type Catalogue = Record<string, Message>;

/**
 * A namespace in another language: exactly the English namespace's keys,
 * every one required (an object literal with a missing or an extra key does
 * not compile), a plural where English has a plural.
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : PluralMessage };

/** Enum labels: group -> stored value -> label. */
export type EnumCatalogue = Record<string, Record<string, string>>;
