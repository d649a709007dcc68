import type { organisations as en } from "../en/organisations";
import type { Translation } from "../types";

// {label} in the field checks is the noun phrase in the accusative ("Укажите {label}.").
export const organisations: Translation<typeof en> = {
  "organisations.archived": "В архиве",

  // The list
  "organisations.list.title": "Организации",
  "organisations.list.archivedCaption": "Организации в архиве",
  "organisations.list.description": "Доноры, министерства-партнёры, институты и многосторонние организации, а также программы и соглашения, в которых они участвуют.",
  "organisations.list.new": "Новая организация",
  "organisations.list.search": "Поиск по названиям, описаниям и странам",
  "organisations.list.one": "организаций",
  "organisations.list.many": "организации",
  "organisations.list.first": "Добавьте первую организацию",
  "organisations.list.firstHint": ", например донора или министерство-партнёр программы.",
  "organisations.filter.country": "Страна",
  "organisations.filter.type": "Тип (IATI)",

  // The list's columns (table, CSV and Excel)
  "organisations.columns.shortName": "Краткое название",
  "organisations.columns.fullName": "Полное название",
  "organisations.columns.country": "Страна",
  "organisations.columns.type": "Тип (IATI)",
  "organisations.columns.iatiRef": "Идентификатор IATI",
  "organisations.columns.programmes": "Роли в программах",
  "organisations.columns.agreements": "Соглашения",
  "organisations.columns.activities": "Мероприятия",

  // The record page
  "organisations.page.notDeleted": "Организация не удалена.",
  "organisations.page.edit": "Изменить",
  "organisations.page.newProgramme": "Новая программа с её участием",
  "organisations.page.details": "Сведения",
  "organisations.page.shortName": "Краткое название",
  "organisations.page.fullName": "Полное название",
  "organisations.page.country": "Страна",
  "organisations.page.countryWithCode": "{name} ({code})",
  "organisations.page.noCountry": "Нет (международная)",
  "organisations.page.type": "Тип (IATI)",
  "organisations.page.iatiRef": "Идентификатор IATI",
  "organisations.page.donorAccounts": "Учётные записи донора",
  "organisations.page.noDonorAccounts": "Нет",
  "organisations.page.donorAccountsSee": {
    one: "{count} учётная запись донора видит финансируемые ею программы",
    few: "{count} учётные записи донора видят финансируемые ею программы",
    many: "{count} учётных записей донора видят финансируемые ею программы",
    other: "{count} учётной записи донора видят финансируемые ею программы",
  },
  "organisations.page.programmes": "Программы ({count})",
  "organisations.page.noProgrammes": "Пока не участвует ни в одной программе. Добавить организацию можно в форме программы.",
  "organisations.page.agreements": "Соглашения, в которых она является стороной ({count})",
  "organisations.page.signed": "подписано {date}",
  "organisations.page.noAgreements": "Не является стороной ни одного соглашения.",
  "organisations.page.activities": "Мероприятия ({count})",
  "organisations.page.participantsRole": "Участники ({total})",
  "organisations.page.noActivities": "Не принимала, не организовывала, не финансировала ни одного внесённого мероприятия и не участвовала в нём.",
  "organisations.page.deliverables": "Результаты работ, за которые она отвечает ({count})",
  "organisations.page.due": "срок {date}",
  "organisations.page.noDueDate": "срок не указан",
  "organisations.page.noDeliverables": "Не отвечает ни за один результат работ.",
  "organisations.page.outcomes": "Договорённости, за которые она отвечает ({count})",
  "organisations.page.noOutcomes": "Не отвечает ни за одну договорённость семинаров.",
  "organisations.page.funding": "Строки финансирования ({count})",
  "organisations.page.fundingTitle": "{kind}: {amount}",
  "organisations.page.provided": "Предоставлено ею",
  "organisations.page.received": "Получено ею",
  "organisations.page.noFunding": "Внесённого финансирования, предоставленного или полученного ею, нет.",
  "organisations.page.history": "История изменений",

  // New and edit
  "organisations.new.title": "Новая организация",
  "organisations.new.back": "← Все организации",
  "organisations.new.submit": "Создать организацию",
  "organisations.edit.pageTitle": "Изменение: {name}",
  "organisations.edit.title": "Изменение: {name}",
  "organisations.edit.back": "← Вернуться к организации",
  "organisations.edit.submit": "Сохранить изменения",
  "organisations.missingVersion": "В форме нет номера версии записи. Обновите страницу и повторите попытку.",

  // The form
  "organisations.form.organisation": "Организация",
  "organisations.form.shortName": "Краткое название",
  "organisations.form.shortNameHint": "Как организация называется в списках и таблицах, например HIRA или MOH-BY. Должно быть уникальным.",
  "organisations.form.type": "Тип организации (IATI)",
  "organisations.form.chooseType": "Выберите тип",
  "organisations.form.codeOption": "{code} — {name}",
  "organisations.form.fullName": "Полное название",
  "organisations.form.fullNameHint": "Официальное название, при желании — на языке организации.",
  "organisations.form.country": "Страна",
  "organisations.form.noCountry": "Нет (международная)",
  "organisations.form.iatiRef": "Идентификатор организации в IATI",
  "organisations.form.iatiRefHint": "Если он есть, например XM-DAC-41114 (ВОЗ) или KR-GOV-010.",
  "organisations.form.description": "Описание",
  "organisations.form.descriptionHint": "Например, «Сотрудничающий центр ВОЗ по стратегическим закупкам» или «министерство-партнёр».",
  "organisations.form.cancel": "Отмена",

  // Refusals from the model
  "organisations.error.duplicateShortName": "Организация с кратким названием {shortName} уже существует. Укажите другое краткое название.",
  "organisations.error.duplicateIatiRef": "Идентификатор IATI {iatiRef} уже присвоен организации {shortName}.",
  "organisations.error.derivedIatiClash": "С этим идентификатором IATI программа {code} будет опубликована как {identifier}, но этот идентификатор уже использует программа {holder}. Сначала присвойте программе {code} собственный идентификатор IATI.",
  "organisations.error.chooseCountry": "Выберите страну из списка.",

  // Field checks
  "organisations.v.shortName": "краткое название",
  "organisations.v.fullName": "полное название",
  "organisations.v.iatiRef": "идентификатор IATI",
  "organisations.v.description": "описание",
  "organisations.v.chooseType": "Выберите тип организации.",
  "organisations.v.unknownType": "Выберите тип организации из списка (кодификатор OrganisationType IATI).",
  "organisations.v.iatiRefPattern":
    "Укажите идентификатор организации IATI, например XM-DAC-41114 или KR-GOV-010: латинские буквы и цифры, части соединены дефисами.",
};
