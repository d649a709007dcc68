import type { iatiPublish as en } from "../en/iatiPublish";
import type { Translation } from "../types";

export const iatiPublish: Translation<typeof en> = {
  "iatiPublish.panel.title": "Публикация в IATI",
  "iatiPublish.panel.published": "Опубликована",
  "iatiPublish.panel.notPublished": "Не опубликована",
  "iatiPublish.panel.help": "Опубликованная программа входит в открытый файл мероприятий IATI, который любой может прочитать без входа в систему, вместе с её документами, отмеченными как открытые. Снятие с публикации убирает её оттуда; её идентификатор IATI остаётся закреплён за ней.",
  "iatiPublish.panel.identifier": "Идентификатор IATI",
  "iatiPublish.panel.nextIdentifier": "Будет опубликована как",
  "iatiPublish.panel.firstPublished": "Впервые опубликована",
  "iatiPublish.panel.publicDocuments": "Открытые документы",
  "iatiPublish.panel.publish": "Опубликовать в IATI",
  "iatiPublish.panel.withdraw": "Снять с публикации",
  "iatiPublish.panel.publicFile": "Открытый файл мероприятий",
  "iatiPublish.panel.noPublisher": "Публикация невозможна, пока администратор не введёт настройки издателя (идентификатор организации центра в IATI).",
  "iatiPublish.panel.archived": "Архивная программа не публикуется.",
  "iatiPublish.notice.published": "Программа опубликована в открытом файле IATI.",
  "iatiPublish.notice.withdrawn": "Программа снята с публикации в открытом файле IATI.",
  "iatiPublish.v.noPublisher": "Настройки издателя не введены: прежде чем публиковать программу, администратор должен ввести идентификатор организации центра в IATI.",
  "iatiPublish.v.archived": "Архивную программу нельзя опубликовать. Сначала восстановите её.",
  "iatiPublish.v.identifierTaken": "Идентификатор IATI, под которым была бы опубликована эта программа, уже использует другая программа.",
  "iatiPublish.v.publicNotShareable": "Открытый документ доступен и партнёрам: отметьте также «Доступен партнёрам» или снимите отметку «Открытый».",
  "iatiPublish.v.chooseIntent": "Выберите: опубликовать или снять с публикации.",
  "iatiPublish.field.isPublic": "Открытый",
  "iatiPublish.form.isPublic": "Открытый: файл может скачать любой",
  "iatiPublish.form.isPublicHint": "Файл будет доступен любому без входа в систему по открытому адресу, а ссылка на него появится в открытых файлах IATI, пока программа опубликована. Не отмечайте как открытые персональные данные, черновики и конфиденциальные документы.",
  "iatiPublish.notFound": "Не найдено.",
};
