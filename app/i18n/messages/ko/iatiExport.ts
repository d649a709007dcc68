import type { iatiExport as en } from "../en/iatiExport";
import type { Translation } from "../types";

// Every key starts with "iatiExport.".
export const iatiExport: Translation<typeof en> = {
  "iatiExport.unavailable": "IATI XML: 관리자가 센터의 발행 기관 설정을 입력해야 사용할 수 있습니다.",
  "iatiExport.publisherMissing":
    "아직 IATI 파일을 만들 수 없습니다. 센터의 발행 기관 설정(IATI 기관 식별자, 이름, 기본 통화, 공개 주소)이 입력되지 않았습니다. 관리자에게 입력을 요청하십시오.",
};
