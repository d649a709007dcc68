import type { search as en } from "../en/search";
import type { Translation } from "../types";

export const search: Translation<typeof en> = {
  "search.box.label": "전체 검색",
  "search.box.placeholder": "검색",
  "search.box.submit": "검색",
  "search.metaTitle": "검색 · Concord",
  "search.title": "검색",
  "search.intro": "볼 수 있는 프로그램, 협약, 활동, 산출물, 합의 사항, 지표, 기관, 문서를 찾습니다. 모든 언어의 제목과 설명, 식별자, 파일 이름을 검색합니다.",
  "search.empty": "단어, 제목, 식별자 또는 파일 이름을 입력하세요.",
  "search.noResults": "“{q}”에 대한 검색 결과가 없습니다.",
  "search.resultsFor": "“{q}” 검색 결과",
  "search.truncated": "검색어의 처음 {max}자만 사용했습니다.",
  "search.kinds": "기록 종류",
  "search.all": "전체 ({count})",
  "search.kindCount": "{kind} ({count})",
  "search.showAll": "{kind} 전체 {count}건 보기",
  "search.kind.programme": "프로그램",
  "search.kind.agreement": "협약",
  "search.kind.activity": "활동",
  "search.kind.deliverable": "산출물",
  "search.kind.outcome": "합의 사항",
  "search.kind.indicator": "지표",
  "search.kind.organisation": "기관",
  "search.job.documentText": "검색용 문서 텍스트 읽기",
  "search.job.sweep": "이전에 저장된 문서의 텍스트 읽기",
  "search.kind.document": "문서",
};
