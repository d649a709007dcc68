// A money amount as the funding and agreement forms keep it (Decimal(20,2)
// as text): "1300000" and "1300000.5" read as "1300000.00" and "1300000.50",
// so a spreadsheet's number cell compares equal to the stored amount and the
// same file uploaded twice changes nothing. Never rounds: a third decimal
// stays, for the form's schema to refuse.
export function money(text: string): string {
  const m = /^(-?)0*(\d+)(?:\.(\d{0,2}))?$/.exec(text.trim());
  return m ? `${m[1]}${m[2]}.${(m[3] ?? "").padEnd(2, "0")}` : text.trim();
}
