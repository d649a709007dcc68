import type { offline as en } from "../en/offline";
import type { Translation } from "../types";

export const offline: Translation<typeof en> = {
  "offline.metaTitle": "오프라인 · Concord",
  "offline.title": "오프라인 상태입니다",
  "offline.intro": "Concord가 서버에 연결할 수 없습니다. 아래 페이지는 이 기기에 보관되어 있어 네트워크 없이 열 수 있습니다. 오프라인에서 저장한 양식은 다시 온라인이 될 때까지 보낼 편지함에서 기다립니다.",
  "offline.outbox": "보낼 편지함 열기",
  "offline.pages.title": "이 기기에 보관된 페이지",
  "offline.pages.loading": "이 기기에 보관된 페이지를 읽는 중…",
  "offline.pages.noScript": "이 기기에 보관된 페이지를 보려면 JavaScript를 켜십시오.",
  "offline.pages.unsupported": "이 브라우저는 오프라인용으로 페이지를 보관할 수 없습니다.",
  "offline.pages.none": "아직 이 기기에 보관된 페이지가 없습니다. 로그인한 상태에서 연 페이지와 오프라인용으로 보관한 프로그램이 보관됩니다.",
  "offline.pages.untitled": "제목 없는 페이지",
  "offline.pinned.title": "오프라인용으로 보관한 프로그램",
  "offline.pinned.none": "오프라인용으로 보관한 프로그램이 없습니다. 프로그램을 열고 “오프라인용으로 보관”을 선택하십시오.",
  "offline.pinned.pages": { other: "{count}개 페이지" },
  "offline.pinned.remove": "{code} 보관 중지",
  "offline.pinned.removed": "{code}은(는) 더 이상 오프라인용으로 보관되지 않습니다.",
  "offline.keep.button": "오프라인용으로 보관",
  "offline.keep.refresh": "오프라인 사본 새로 고침",
  "offline.keep.working": "오프라인용으로 페이지를 보관하는 중: {total}개 중 {done}개…",
  "offline.keep.done": { other: "오프라인용으로 {count}개 페이지를 보관했습니다. 이 기기에서 네트워크 없이 열립니다." },
  "offline.keep.partly": "{total}개 중 {done}개 페이지를 보관했습니다. {failed}개는 가져오지 못했습니다. 연결이 나아지면 다시 시도하십시오.",
  "offline.keep.failed": "페이지를 오프라인용으로 보관하지 못했습니다. 온라인일 때 다시 시도하십시오.",
  "offline.keep.signedOut": "오프라인용으로 페이지를 보관하려면 다시 로그인하십시오.",
  "offline.keep.list": "이 기기에 보관된 항목 보기",
};
