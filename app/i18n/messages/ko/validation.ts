import type { validation as en } from "../en/validation";
import type { Translation } from "../types";

export const validation: Translation<typeof en> = {
  "validation.enter": "{label}을(를) 입력해 주십시오.",
  "validation.tooLong": "{label}은(는) {max}자 이내로 입력해 주십시오.",
  "validation.choose": "{label}을(를) 선택해 주십시오.",
  "validation.chooseFromList": "목록에서 {label}을(를) 선택해 주십시오.",
  "validation.chooseItem": "목록에서 항목을 선택해 주십시오.",
  "validation.chooseItems": "목록에서 항목을 선택해 주십시오.",
  "validation.dateFormat": "{label}을(를) 날짜 형식(yyyy-mm-dd)으로 입력해 주십시오.",
  "validation.notRealDate": "{label}: 존재하지 않는 날짜입니다.",
  "validation.wholeNumber": "{label}은(는) 정수로 입력해 주십시오.",
  "validation.negative": "{label}은(는) 음수일 수 없습니다.",
  "validation.tooLarge": "{label} 값이 너무 큽니다.",
  "validation.amount": "{label}은(는) 소수점 이하 두 자리까지의 숫자로 입력해 주십시오.",
  "validation.number": "{label}은(는) 숫자로 입력해 주십시오.",
  "validation.currency": "ISO 4217 통화 코드를 입력해 주십시오(예: KRW, USD, EUR).",
  "validation.chooseCurrency": "통화를 선택해 주십시오.",
  "validation.country": "ISO 3166-1 국가 코드를 입력해 주십시오(예: BY, KZ).",
};
