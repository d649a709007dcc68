import type { iatiCheck as en } from "../en/iatiCheck";
import type { Translation } from "../types";

export const iatiCheck: Translation<typeof en> = {
  "iatiCheck.nav": "IATI 게시 준비",
  "iatiCheck.metaTitle": "IATI 게시 준비 · Concord",
  "iatiCheck.title": "IATI 게시 준비",
  "iatiCheck.description":
    "Concord가 각 프로그램에 대해 게시할 내용을 IATI Validator의 검사(2.03 스키마, IATI 규칙, 코드 목록)로 확인합니다. 오류가 있는 프로그램은 게시할 수 없습니다.",
  "iatiCheck.publisherMissing":
    "발행 기관 설정이 없습니다. 관리자가 센터의 기관 식별자, 이름, 기관 유형, 기본 통화, 공개 주소를 입력하기 전에는 IATI 파일을 게시할 수 없습니다.",
  "iatiCheck.blocked": { other: "게시할 수 없는 프로그램 {count}개:" },
  "iatiCheck.blockedOnPage": { other: "이 페이지에서 게시할 수 없는 프로그램 {count}개:" },
  "iatiCheck.allPass": "여기 있는 모든 프로그램이 세 가지 검사를 통과합니다.",
  "iatiCheck.ready": "게시 준비 완료",
  "iatiCheck.readyNone": "아직 준비된 프로그램이 없습니다.",
  "iatiCheck.published": "게시 대상으로 표시됨",
  "iatiCheck.errors": { other: "오류 {count}개" },
  "iatiCheck.warnings": { other: "경고 {count}개 (게시를 막지 않음)" },
  "iatiCheck.where": "위치: {where}",
  "iatiCheck.activity": "IATI 활동 {identifier}",
  "iatiCheck.rule": "규칙 {id}",
  "iatiCheck.none": "아직 프로그램이 없습니다.",
  "iatiCheck.tabs.label": "IATI 게시 페이지",
  "iatiCheck.tabs.check": "준비 상태 검사",
  "iatiCheck.tabs.publisher": "발행 기관 설정",
  "iatiCheck.tabs.identifiers": "식별자가 없는 기관",
  "iatiCheck.tabs.organisation": "기관 파일",
  "iatiCheck.tabs.import": "가져오기",
  "iatiCheck.tabs.activityFile": "공개 활동 파일",
  "iatiCheck.tabs.organisationFile": "공개 기관 파일",
  "iatiCheck.navMain": "IATI",
  "iatiCheck.longBudget": "{amount} 예산의 기간이 {from}부터 {to}까지로, IATI가 하나의 예산에 허용하는 12개월보다 깁니다. 이 예산은 파일에서 제외됩니다. 연도별로 예산 항목을 하나씩 입력하십시오.",
  "iatiCheck.noBudget": "이 프로그램은 시행 중이지만 예산이 없습니다. 연간 예산을 입력하십시오(IATI는 예산 또는 예산을 제공하지 않는 사유를 요구하며, IATI의 사유 중 해당하는 것이 없습니다).",
};
