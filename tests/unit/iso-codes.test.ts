import countries from "i18n-iso-countries";
import currencyCodes from "currency-codes";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, CURRENCY_CODES } from "~/data/iso-codes";
import { isCountryCode, isCurrencyCode } from "~/schemas/fields";

// The forms check codes against plain lists (app/data/iso-codes.ts) so the
// browser does not load the libraries' data sets; the lists must be exactly
// the libraries' (an update of i18n-iso-countries or currency-codes that adds
// or drops a code fails here, with the list to paste).

describe("the ISO code lists the forms use", () => {
  it("hold exactly i18n-iso-countries' alpha-2 codes", () => {
    const library = Object.keys(countries.getAlpha2Codes()).sort();
    expect([...COUNTRY_CODES].sort(), library.join(" ")).toEqual(library);
  });

  it("hold exactly currency-codes' ISO 4217 codes", () => {
    const library = currencyCodes.codes().slice().sort();
    expect([...CURRENCY_CODES].sort(), library.join(" ")).toEqual(library);
  });

  it("decide a code as the libraries do, and refuse what is not a code", () => {
    expect(isCountryCode("BY")).toBe(true);
    expect(isCountryCode("by")).toBe(false);
    expect(isCountryCode("ZZ")).toBe(false);
    expect(isCountryCode("")).toBe(false);
    expect(isCurrencyCode("KRW")).toBe(true);
    expect(isCurrencyCode("KR")).toBe(false);
    expect(isCurrencyCode("ABC")).toBe(false);
  });
});
