import type { validation as en } from "../en/validation";
import type { Translation } from "../types";

// {label} here is the form's noun phrase in Russian, in the case the sentence
// needs: forms give it in the accusative ("название", "плановую дату начала").
export const validation: Translation<typeof en> = {
  "validation.enter": "Укажите {label}.",
  "validation.tooLong": "Сократите {label} до {max} знаков.",
  "validation.choose": "Выберите {label}.",
  "validation.chooseFromList": "Выберите {label} из списка.",
  "validation.chooseItem": "Выберите вариант из списка.",
  "validation.chooseItems": "Выберите варианты из списка.",
  "validation.dateFormat": "Укажите {label} в виде даты (гггг-мм-дд).",
  "validation.notRealDate": "Такой даты нет в календаре: {label}.",
  "validation.wholeNumber": "Укажите {label} целым числом.",
  "validation.negative": "Значение не может быть отрицательным: {label}.",
  "validation.tooLarge": "Слишком большое значение: {label}.",
  "validation.amount": "Укажите {label} числом, не более двух знаков после запятой.",
  "validation.number": "Укажите {label} числом.",
  "validation.currency": "Укажите код валюты по ISO 4217, например KRW, USD или EUR.",
  "validation.chooseCurrency": "Выберите валюту.",
  "validation.country": "Укажите код страны по ISO 3166-1, например BY или KZ.",
};
