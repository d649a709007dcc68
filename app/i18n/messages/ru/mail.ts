import type { mail as en } from "../en/mail";
import type { Translation } from "../types";

export const mail: Translation<typeof en> = {
  "mail.hello": "Здравствуйте, {name}!",
  "mail.buttonFallback": "Если кнопка не работает, скопируйте этот адрес в браузер:",
  "mail.reset.subject": "Сброс пароля Concord",
  "mail.reset.body": "Поступил запрос на сброс пароля вашей учётной записи Concord (надеемся, от вас). Выберите новый пароль по ссылке ниже. Ссылка действует один раз в течение одного часа.",
  "mail.reset.action": "Выбрать новый пароль",
  "mail.reset.footer": "Если вы не запрашивали сброс, просто проигнорируйте это письмо: ваш пароль останется прежним.",
  "mail.invite.subject": "Приглашение в Concord",
  "mail.invite.body": "{inviter} ({email}) приглашает вас в Concord — систему учёта международных программ технического сотрудничества — в роли «{roleAndScope}».",
  "mail.invite.roleFor": "{role}: {scope}",
  "mail.invite.until": "Чтобы принять приглашение, выберите пароль по ссылке ниже. Ссылка действует один раз, до {until}.",
  "mail.invite.action": "Принять приглашение",
  "mail.invite.footer": "Если вы не ожидали этого приглашения, просто проигнорируйте это письмо.",
};
