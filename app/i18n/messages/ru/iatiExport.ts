import type { iatiExport as en } from "../en/iatiExport";
import type { Translation } from "../types";

// Every key starts with "iatiExport.".
export const iatiExport: Translation<typeof en> = {
  "iatiExport.unavailable": "IATI XML: недоступен, пока администратор не заполнит сведения о центре как издателе.",
  "iatiExport.publisherMissing":
    "Файл IATI пока нельзя сформировать: не заполнены сведения о центре как издателе (идентификатор организации IATI, название, валюта по умолчанию и публичный адрес). Попросите администратора заполнить их.",
};
