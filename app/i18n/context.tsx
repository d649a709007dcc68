import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createFormatter, type Formatter } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { getBundle } from "./registry";
import { createTranslator, type Translator } from "./translate";

type I18n = { t: Translator; fmt: Formatter };

const I18nContext = createContext<I18n | null>(null);

const EMPTY = { messages: {}, enums: {} };

/** The page's language for every component below (root.tsx sets it from the root loader). */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => {
    const t = createTranslator(locale, getBundle(locale) ?? getBundle(DEFAULT_LOCALE) ?? EMPTY);
    return { t, fmt: createFormatter(t) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() outside <I18nProvider>");
  return value;
}

/** The translator of the page's language. */
export function useT(): Translator {
  return useI18n().t;
}

/** Dates, numbers and money in the page's language. */
export function useFormat(): Formatter {
  return useI18n().fmt;
}
