import type { search as en } from "../en/search";
import type { Translation } from "../types";

export const search: Translation<typeof en> = {
  "search.box.label": "Поиск по всему",
  "search.box.placeholder": "Поиск",
  "search.box.submit": "Найти",
  "search.metaTitle": "Поиск · Concord",
  "search.title": "Поиск",
  "search.intro": "Программы, соглашения, мероприятия, результаты работ, договорённости, показатели, организации и документы, доступные вам: названия и описания на всех языках, идентификаторы и имена файлов.",
  "search.empty": "Введите слово, название, идентификатор или имя файла.",
  "search.noResults": "По запросу «{q}» ничего не найдено.",
  "search.resultsFor": "Результаты по запросу «{q}»",
  "search.truncated": "Использованы только первые {max} символов запроса.",
  "search.kinds": "Виды записей",
  "search.all": "Все виды ({count})",
  "search.kindCount": "{kind} ({count})",
  "search.showAll": "{kind}: все ({count})",
  "search.kind.programme": "Программы",
  "search.kind.agreement": "Соглашения",
  "search.kind.activity": "Мероприятия",
  "search.kind.deliverable": "Результаты работ",
  "search.kind.outcome": "Договорённости",
  "search.kind.indicator": "Показатели",
  "search.kind.organisation": "Организации",
  "search.job.documentText": "Извлечение текста документа для поиска",
  "search.job.sweep": "Извлечение текста ранее загруженных документов",
  "search.kind.document": "Документы",
};
