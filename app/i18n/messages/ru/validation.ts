import type { validation as en } from "../en/validation";
import type { Translation } from "../types";

// {label} here is the form's noun phrase in Russian, in the case the sentence
// needs: forms give it in the accusative ("название", "плановую дату начала").
export const validation: Translation<typeof en> = {
  "validation.enter": "Укажите {label}.",
  "validation.tooLong": "Сократите {label}: не более {max} знаков.",
  "validation.choose": "Выберите {label}.",
  "validation.chooseFromList": "Выберите {label} из списка.",
  "validation.chooseItem": "Выберите вариант из списка.",
  "validation.chooseItems": "Выберите варианты из списка.",
  "validation.dateFormat": "Укажите {label} в формате ГГГГ-ММ-ДД.",
  "validation.notRealDate": "Проверьте {label}: такой даты нет в календаре.",
  "validation.wholeNumber": "Укажите {label} целым числом.",
  "validation.negative": "Укажите {label} не меньше нуля.",
  "validation.tooLarge": "Проверьте {label}: слишком большое значение.",
  "validation.amount": "Укажите {label} числом, не более чем с двумя знаками после запятой.",
  "validation.number": "Укажите {label} числом.",
  "validation.digitsBeforePoint": "Проверьте {label}: не более {max} цифр до запятой.",
  "validation.digitsAfterPoint": "Проверьте {label}: не более {max} знаков после запятой.",
  "validation.currency": "Укажите код валюты по ISO 4217, например KRW, USD или EUR.",
  "validation.chooseCurrency": "Выберите валюту.",
  "validation.country": "Укажите код страны по ISO 3166-1, например BY или KZ.",
  "validation.v.translatedTitle": "название на этом языке",
  "validation.v.translatedDescription": "описание на этом языке",
};
