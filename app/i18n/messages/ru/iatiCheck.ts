import type { iatiCheck as en } from "../en/iatiCheck";
import type { Translation } from "../types";

export const iatiCheck: Translation<typeof en> = {
  "iatiCheck.nav": "Готовность к IATI",
  "iatiCheck.metaTitle": "Готовность к IATI · Concord",
  "iatiCheck.title": "Готовность к IATI",
  "iatiCheck.description":
    "Проверки IATI Validator — схема 2.03, правила IATI и справочники кодов — для того, что Concord опубликует по каждой программе. Программу с ошибкой опубликовать нельзя.",
  "iatiCheck.publisherMissing":
    "Не заданы настройки издателя. Ни один файл IATI нельзя опубликовать, пока администратор не укажет идентификатор организации центра, название, тип организации, валюту по умолчанию и публичный адрес.",
  "iatiCheck.blocked": {
    one: "{count} программу нельзя опубликовать:",
    few: "{count} программы нельзя опубликовать:",
    many: "{count} программ нельзя опубликовать:",
    other: "{count} программы нельзя опубликовать:",
  },
  "iatiCheck.blockedOnPage": {
    one: "{count} программу на этой странице нельзя опубликовать:",
    few: "{count} программы на этой странице нельзя опубликовать:",
    many: "{count} программ на этой странице нельзя опубликовать:",
    other: "{count} программы на этой странице нельзя опубликовать:",
  },
  "iatiCheck.allPass": "Все программы здесь проходят три проверки.",
  "iatiCheck.ready": "Готовы к публикации",
  "iatiCheck.readyNone": "Ни одна из этих программ пока не готова.",
  "iatiCheck.published": "Отмечена для публикации",
  "iatiCheck.errors": { one: "{count} ошибка", few: "{count} ошибки", many: "{count} ошибок", other: "{count} ошибки" },
  "iatiCheck.warnings": {
    one: "{count} предупреждение (публикации не мешает)",
    few: "{count} предупреждения (публикации не мешают)",
    many: "{count} предупреждений (публикации не мешают)",
    other: "{count} предупреждения (публикации не мешают)",
  },
  "iatiCheck.where": "где: {where}",
  "iatiCheck.activity": "деятельность IATI {identifier}",
  "iatiCheck.rule": "правило {id}",
  "iatiCheck.none": "Программ пока нет.",
  "iatiCheck.tabs.label": "Страницы публикации IATI",
  "iatiCheck.tabs.check": "Проверка готовности",
  "iatiCheck.tabs.publisher": "Настройки издателя",
  "iatiCheck.tabs.identifiers": "Организации без идентификатора",
  "iatiCheck.tabs.organisation": "Файл организации",
  "iatiCheck.tabs.import": "Импорт",
  "iatiCheck.tabs.activityFile": "Открытый файл деятельности",
  "iatiCheck.tabs.organisationFile": "Открытый файл организации",
  "iatiCheck.navMain": "IATI",
  "iatiCheck.longBudget": "Бюджет {amount} охватывает период с {from} по {to}, дольше 12 месяцев, допустимых в IATI для одного бюджета: он не включается в файл. Внесите его отдельной строкой бюджета на каждый год.",
  "iatiCheck.noBudget": "Программа реализуется, но бюджет не внесён: внесите её годовые бюджеты (IATI требует бюджет или причину его отсутствия, и ни одна из причин IATI здесь не подходит).",
};
