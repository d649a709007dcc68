import type { validation as en } from "../en/validation";
import type { Translation } from "../types";

export const validation: Translation<typeof en> = {
  "validation.enter": "{label} 항목을 입력해 주십시오.",
  "validation.tooLong": "{label} 항목은 {max}자 이내로 입력해 주십시오.",
  "validation.choose": "{label} 항목을 선택해 주십시오.",
  "validation.chooseFromList": "목록에서 {label} 항목을 선택해 주십시오.",
  "validation.chooseItem": "목록에서 항목을 선택해 주십시오.",
  "validation.chooseItems": "목록에서 항목을 선택해 주십시오.",
  "validation.dateFormat": "{label} 항목을 날짜 형식(YYYY-MM-DD)으로 입력해 주십시오.",
  "validation.notRealDate": "{label} 항목의 날짜가 달력에 없는 날짜입니다.",
  "validation.wholeNumber": "{label} 항목은 정수로 입력해 주십시오.",
  "validation.negative": "{label} 항목은 음수일 수 없습니다.",
  "validation.tooLarge": "{label} 값이 너무 큽니다.",
  "validation.amount": "{label} 항목은 소수점 이하 두 자리까지의 숫자로 입력해 주십시오.",
  "validation.number": "{label} 항목은 숫자로 입력해 주십시오.",
  "validation.digitsBeforePoint": "{label} 항목은 소수점 앞 {max}자리까지 입력할 수 있습니다.",
  "validation.digitsAfterPoint": "{label} 항목은 소수점 이하 {max}자리까지 입력할 수 있습니다.",
  "validation.currency": "ISO 4217 통화 코드를 입력해 주십시오(예: KRW, USD, EUR).",
  "validation.chooseCurrency": "통화를 선택해 주십시오.",
  "validation.country": "ISO 3166-1 국가 코드를 입력해 주십시오(예: BY, KZ).",
  "validation.v.translatedTitle": "해당 언어의 제목",
  "validation.v.translatedDescription": "해당 언어의 설명",
};
