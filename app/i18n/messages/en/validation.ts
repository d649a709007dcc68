import type { Catalogue } from "../types";

// Every key starts with "validation.". English is the source text.
// Field checks shared by every form (app/schemas/fields.ts). {label} is a noun
// phrase given by the form ("a title", "the planned start"); {Label} is the
// same phrase starting a sentence.
export const validation = {
  "validation.enter": "Enter {label}.",
  "validation.tooLong": "Keep {label} under {max} characters.",
  "validation.choose": "Choose {label}.",
  "validation.chooseFromList": "Choose {label} from the list.",
  "validation.chooseItem": "Choose an item from the list.",
  "validation.chooseItems": "Choose items from the list.",
  "validation.dateFormat": "Enter {label} as a date (yyyy-mm-dd).",
  "validation.notRealDate": "{Label} is not a real date.",
  "validation.wholeNumber": "Enter {label} as a whole number.",
  "validation.negative": "{Label} cannot be negative.",
  "validation.tooLarge": "{Label} looks too large.",
  "validation.amount": "Enter {label} as a number with at most two decimals.",
  "validation.number": "Enter {label} as a number.",
  "validation.digitsBeforePoint": "{Label} can have at most {max} digits before the decimal point.",
  "validation.digitsAfterPoint": "{Label} can have at most {max} digits after the decimal point.",
  "validation.currency": "Use an ISO 4217 currency code such as KRW, USD or EUR.",
  "validation.chooseCurrency": "Choose a currency.",
  "validation.country": "Use an ISO 3166-1 country code such as BY or KZ.",
  "validation.v.translatedTitle": "the title in that language",
  "validation.v.translatedDescription": "the description in that language",
} satisfies Catalogue;
