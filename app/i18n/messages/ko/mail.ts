import type { mail as en } from "../en/mail";
import type { Translation } from "../types";

export const mail: Translation<typeof en> = {
  "mail.hello": "{name}님, 안녕하십니까.",
  "mail.buttonFallback": "버튼이 작동하지 않으면 다음 주소를 복사하여 브라우저에 붙여 넣으십시오.",
  "mail.reset.subject": "Concord 비밀번호 재설정",
  "mail.reset.body": "귀하의 Concord 계정 비밀번호 재설정이 요청되었습니다. 아래 링크에서 새 비밀번호를 설정하십시오. 링크는 1시간 동안 한 번만 사용할 수 있습니다.",
  "mail.reset.action": "새 비밀번호 설정",
  "mail.reset.footer": "재설정을 요청하지 않으셨다면 이 메일을 무시하셔도 됩니다. 비밀번호는 변경되지 않습니다.",
  "mail.invite.subject": "Concord 초대",
  "mail.invite.body": "{inviter}({email})님이 국제 기술협력 프로그램을 관리하는 Concord에 귀하를 {roleAndScope}(으)로 초대했습니다.",
  "mail.invite.roleFor": "{scope} 담당 {role}",
  "mail.invite.until": "초대를 수락하려면 아래 링크에서 비밀번호를 설정하십시오. 링크는 {until}까지 한 번만 사용할 수 있습니다.",
  "mail.invite.action": "초대 수락",
  "mail.invite.footer": "예상하지 못한 초대라면 이 메일을 무시하셔도 됩니다.",
};
