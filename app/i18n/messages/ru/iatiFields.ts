import type { iatiFields as en } from "../en/iatiFields";
import type { Translation } from "../types";

export const iatiFields: Translation<typeof en> = {
  "iatiFields.codeOption": "{code} — {name}",
  "iatiFields.programme.section": "Классификации IATI",
  "iatiFields.programme.sectionHelp":
    "Публикуются как значения по умолчанию для программы и её мероприятий. Для технического сотрудничества обычно D02 (прочая техническая помощь) или E01 (обучение и стипендии в стране-доноре); официальная помощь в целях развития (10), стандартный грант (110), несвязанная помощь (5), двустороннее сотрудничество (1). Названия кодов — из справочников IATI (на английском).",
  "iatiFields.programme.aidType": "Тип помощи по умолчанию",
  "iatiFields.programme.aidTypeHint": "Сначала техническое сотрудничество (D01, D02, E01, E02), затем все типы помощи.",
  "iatiFields.programme.flowType": "Тип потока",
  "iatiFields.programme.financeType": "Тип финансирования",
  "iatiFields.programme.tiedStatus": "Связанность помощи",
  "iatiFields.programme.collaborationType": "Тип сотрудничества",
  "iatiFields.funding.providerActivityId": "Идентификатор мероприятия IATI у финансирующей стороны",
  "iatiFields.funding.providerActivityIdHint":
    "Идентификатор мероприятия IATI, под которым его публикует финансирующая сторона (например, XM-DAC-701-8-123456): связывает эти средства с их источником. Оставьте пустым, если он неизвестен.",
  "iatiFields.funding.receiverActivityId": "Идентификатор мероприятия IATI у получателя",
  "iatiFields.funding.receiverActivityIdHint":
    "Идентификатор мероприятия IATI получателя, если получатель публикует мероприятие, на которое идут эти средства. Оставьте пустым, если он неизвестен.",
  "iatiFields.activity.latitude": "Широта",
  "iatiFields.activity.latitudeHint": "В десятичных градусах от −90 до 90, не более 6 знаков после запятой (Вонджу: 37.3422).",
  "iatiFields.activity.longitude": "Долгота",
  "iatiFields.activity.longitudeHint": "В десятичных градусах от −180 до 180, не более 6 знаков после запятой (Вонджу: 127.9202).",
  "iatiFields.activity.coordinates": "Координаты",
  "iatiFields.activity.coordinatesValue": "{latitude}, {longitude}",
  "iatiFields.v.aidType": "тип помощи по умолчанию",
  "iatiFields.v.flowType": "тип потока",
  "iatiFields.v.financeType": "тип финансирования",
  "iatiFields.v.tiedStatus": "связанность помощи",
  "iatiFields.v.collaborationType": "тип сотрудничества",
  "iatiFields.v.unknownCode": "Выберите {label} из списка: {code} не является действующим кодом справочника IATI {codelist}.",
  "iatiFields.v.countryShareNeeded":
    "Если в программе несколько стран, IATI требует указать долю каждой страны: укажите её, в сумме доли должны составлять 100%.",
  "iatiFields.v.providerActivityId": "идентификатор мероприятия IATI у финансирующей стороны",
  "iatiFields.v.receiverActivityId": "идентификатор мероприятия IATI у получателя",
  "iatiFields.v.activityIdSpaces": "{Label} не может содержать пробелов.",
  "iatiFields.v.activityIdCharacters": "{Label} может содержать только латинские буквы, цифры и знаки препинания, например - . _",
  "iatiFields.v.activityIdSymbols": "{Label} не может содержать символов /, &, | и ?.",
  "iatiFields.v.providerOnlyIncoming":
    "Мероприятие финансирующей стороны указывается только для поступлений и входящих обязательств: очистите это поле или измените вид.",
  "iatiFields.v.receiverOnlyOutgoing":
    "Мероприятие получателя указывается только для исходящих обязательств и выплат: очистите это поле или измените вид.",
  "iatiFields.v.plannedStart": "Плановая выплата относится к периоду: укажите его начало.",
  "iatiFields.v.plannedEnd": "Плановая выплата относится к периоду: укажите его окончание.",
  "iatiFields.v.latitude": "широту",
  "iatiFields.v.longitude": "долготу",
  "iatiFields.v.latitudeRange": "Широта должна быть от −90 до 90.",
  "iatiFields.v.longitudeRange": "Долгота должна быть от −180 до 180.",
  "iatiFields.v.latitudeNeeded": "Укажите также широту или очистите долготу.",
  "iatiFields.v.longitudeNeeded": "Укажите также долготу или очистите широту.",
};
