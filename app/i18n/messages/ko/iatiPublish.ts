import type { iatiPublish as en } from "../en/iatiPublish";
import type { Translation } from "../types";

export const iatiPublish: Translation<typeof en> = {
  "iatiPublish.panel.title": "IATI 공개",
  "iatiPublish.panel.published": "공개됨",
  "iatiPublish.panel.notPublished": "공개되지 않음",
  "iatiPublish.panel.help": "공개된 프로그램은 로그인 없이 누구나 읽을 수 있는 IATI 공개 활동 파일에 공개로 표시된 문서와 함께 포함됩니다. 공개를 철회하면 파일에서 빠지며, IATI 식별자는 이 프로그램에 계속 남습니다.",
  "iatiPublish.panel.identifier": "IATI 식별자",
  "iatiPublish.panel.nextIdentifier": "공개될 식별자",
  "iatiPublish.panel.firstPublished": "최초 공개일",
  "iatiPublish.panel.publicDocuments": "공개로 표시된 문서",
  "iatiPublish.panel.publish": "IATI에 공개",
  "iatiPublish.panel.withdraw": "IATI 공개 철회",
  "iatiPublish.panel.publicFile": "공개 활동 파일",
  "iatiPublish.panel.noPublisher": "관리자가 발행기관 설정(센터의 IATI 기관 식별자)을 입력하기 전에는 공개할 수 없습니다.",
  "iatiPublish.panel.archived": "보관된 프로그램은 공개되지 않습니다.",
  "iatiPublish.notice.published": "프로그램이 IATI 공개 파일에 공개되었습니다.",
  "iatiPublish.notice.withdrawn": "프로그램의 IATI 공개가 철회되었습니다.",
  "iatiPublish.v.noPublisher": "발행기관 설정이 입력되지 않았습니다. 프로그램을 공개하려면 먼저 관리자가 센터의 IATI 기관 식별자를 입력해야 합니다.",
  "iatiPublish.v.archived": "보관된 프로그램은 공개할 수 없습니다. 먼저 복원하십시오.",
  "iatiPublish.v.identifierTaken": "이 프로그램이 공개될 IATI 식별자를 다른 프로그램이 이미 사용하고 있습니다.",
  "iatiPublish.v.publicNotShareable": "공개 문서는 협력 기관에도 공유됩니다. “협력 기관과 공유”도 선택하거나 “공개”를 해제하십시오.",
  "iatiPublish.v.chooseIntent": "공개 또는 철회를 선택하십시오.",
  "iatiPublish.field.isPublic": "공개",
  "iatiPublish.form.isPublic": "공개: 누구나 이 파일을 내려받을 수 있음",
  "iatiPublish.form.isPublicHint": "이 파일은 로그인 없이 누구에게나 공개 주소로 제공되며, 프로그램이 공개된 동안 IATI 공개 파일에 링크됩니다. 개인정보, 초안, 기밀 문서는 공개로 표시하지 마십시오.",
  "iatiPublish.notFound": "찾을 수 없습니다.",
};
