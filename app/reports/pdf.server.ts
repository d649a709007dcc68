import fs from "node:fs";
import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import type PDFKitDocument from "pdfkit";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter, type Formatter } from "~/i18n/format";
import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import { isoDay, type ProgrammeReport } from "./programme-report.server";

const pdfkit = loadOnFirstUse<typeof PDFKitDocument>("pdfkit");

// The programme report as an A4 PDF (pdfkit). pdfkit is a readable stream:
// the caller hands it to the response while the pages are still being drawn,
// and the drawing pauses now and then so the bytes flow out as they are made.
// Page numbers go in the footer of each page as it is started (no page
// buffering), so the document is never held in memory as a whole.
//
// Text is set in Noto Sans KR (from @expo-google-fonts/noto-sans-kr), which
// covers Latin, Cyrillic and Hangul: ministry names in Russian and Korean
// print as they are written. The headings and labels are in the reader's
// language (the Translator the route gives), and so are numbers and dates.

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf",
} as const;

let fontCache: { regular: Buffer; bold: Buffer } | undefined;
function fonts() {
  // Read once per process: the files are 6 MB each.
  fontCache ??= {
    regular: fs.readFileSync(require.resolve(FONT_FILES.regular)),
    bold: fs.readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fontCache;
}

const COLOR = {
  text: "#0f172a",
  muted: "#475569",
  faint: "#94a3b8",
  rule: "#cbd5e1",
  headerFill: "#e2e8f0",
  zebra: "#f8fafc",
  brand: "#1d4ed8",
  brandLight: "#bfdbfe",
  warning: "#b45309",
};

const MARGIN = { top: 60, bottom: 60, left: 50, right: 50 };

type FontName = "Body" | "Bold";
type Doc = PDFKit.PDFDocument;

/** Money, counts and measures as the report prints them, in one language ("USD 150,000.50" in English). */
function numbers(locale: Locale) {
  const tag = INTL_LOCALE[locale];
  const counts = new Intl.NumberFormat(tag);
  const values = new Intl.NumberFormat(tag, { maximumFractionDigits: 4 });
  return {
    money: (amount: number | string | null, currency: string | null) => {
      if (amount === null || amount === "" || !currency) return "—";
      const value = typeof amount === "string" ? Number(amount) : amount;
      return new Intl.NumberFormat(tag, { style: "currency", currency, currencyDisplay: "code" }).format(value).replace(/\u00a0/g, " ");
    },
    count: (n: number | null | undefined) => (n === null || n === undefined ? "—" : counts.format(n)),
    value: (n: number | null | undefined) => (n === null || n === undefined ? "—" : values.format(n)),
  };
}

/** Cell text: a main line and an optional grey line under it. */
type Cell = string | { main: string; sub?: string | null; color?: string; bold?: boolean };
type Column = { header: string; width: number; align?: "left" | "right" };

const CELL_PAD = 4;
const TABLE_SIZE = 8.5;
const SUB_SIZE = 7.5;

class ReportWriter {
  readonly doc: Doc;
  private font: FontName = "Body";
  private size = 10;
  private color = COLOR.text;
  private pageNumber = 0;
  private rowsSinceYield = 0;
  private readonly fmt: Formatter;
  private readonly n: ReturnType<typeof numbers>;

  constructor(
    private readonly report: ProgrammeReport,
    private readonly t: Translator,
  ) {
    this.fmt = createFormatter(t);
    this.n = numbers(t.locale);
    const f = fonts();
    const PDFDocument = pdfkit();
    this.doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: false,
      info: {
        Title: t("reports.pdf.docTitle", { title: report.programme.title, code: report.programme.code }),
        Author: "Concord",
        Subject: t("reports.pdf.docSubject", { from: isoDay(report.period.from), to: isoDay(report.period.to) }),
        CreationDate: report.generatedAt,
      },
    });
    this.doc.registerFont("Body", f.regular);
    this.doc.registerFont("Bold", f.bold);
    this.doc.on("pageAdded", () => this.decoratePage());
    this.doc.addPage();
  }

  get left() {
    return MARGIN.left;
  }
  get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }

  setFont(font: FontName, size: number, color = COLOR.text) {
    this.font = font;
    this.size = size;
    this.color = color;
    this.doc.font(font).fontSize(size).fillColor(color);
    return this.doc;
  }

  /** Header and footer of a new page, drawn as it starts; the text flow resumes where it was. */
  private decoratePage() {
    const doc = this.doc;
    this.pageNumber += 1;
    const { x, y } = doc;
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text in the margin must not start another page
    const footY = doc.page.height - 38;
    doc.save();
    doc.moveTo(MARGIN.left, footY - 6).lineTo(doc.page.width - MARGIN.right, footY - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.restore();
    doc.font("Body").fontSize(7.5).fillColor(COLOR.muted);
    const p = this.report.programme;
    const footer = this.t("reports.pdf.footer", {
      code: p.code,
      from: isoDay(this.report.period.from),
      to: isoDay(this.report.period.to),
      generated: isoDay(this.report.generatedAt),
    });
    doc.text(footer, MARGIN.left, footY, {
      width: this.width - 80,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(this.t("reports.pdf.page", { page: String(this.pageNumber) }), doc.page.width - MARGIN.right - 80, footY, { width: 80, align: "right", lineBreak: false });
    if (this.pageNumber > 1) {
      doc.text(`${p.title}`, MARGIN.left, 30, { width: this.width, lineBreak: false, ellipsis: true });
    }
    doc.page.margins.bottom = bottomMargin;
    doc.font(this.font).fontSize(this.size).fillColor(this.color);
    doc.x = x;
    doc.y = y;
  }

  /** Lets the response read what has been written so far. */
  async breathe(every = 40) {
    this.rowsSinceYield += 1;
    if (this.rowsSinceYield >= every) {
      this.rowsSinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, intro?: string) {
    const doc = this.doc;
    // A heading keeps the start of its section with it.
    this.ensureSpace(110);
    if (doc.y > MARGIN.top + 5) doc.moveDown(0.8);
    this.setFont("Bold", 14, COLOR.text).text(text, this.left, doc.y, { width: this.width });
    const ruleY = doc.y + 2;
    doc.save().moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(1).strokeColor(COLOR.brand).stroke().restore();
    doc.y = ruleY + 6;
    if (intro) {
      this.setFont("Body", 8.5, COLOR.muted).text(intro, this.left, doc.y, { width: this.width });
      doc.y += 4;
    }
  }

  paragraph(text: string, size = 9.5, color = COLOR.text) {
    this.setFont("Body", size, color).text(text, this.left, this.doc.y, { width: this.width });
  }

  empty(text: string) {
    this.setFont("Body", 9, COLOR.muted).text(text, this.left, this.doc.y + 2, { width: this.width });
  }

  private cellHeight(cell: Cell, width: number): number {
    const doc = this.doc;
    const c = typeof cell === "string" ? { main: cell } : cell;
    doc.font(c.bold ? "Bold" : "Body").fontSize(TABLE_SIZE);
    let h = doc.heightOfString(c.main || " ", { width });
    if (c.sub) {
      doc.font("Body").fontSize(SUB_SIZE);
      h += doc.heightOfString(c.sub, { width }) + 1;
    }
    return h;
  }

  private drawHeader(columns: Column[]) {
    const doc = this.doc;
    const heights = columns.map((c) => {
      doc.font("Bold").fontSize(TABLE_SIZE);
      return doc.heightOfString(c.header, { width: c.width - 2 * CELL_PAD });
    });
    const h = Math.max(...heights) + 2 * CELL_PAD;
    const y = doc.y;
    doc.save().rect(this.left, y, this.width, h).fill(COLOR.headerFill).restore();
    let x = this.left;
    for (const c of columns) {
      this.setFont("Bold", TABLE_SIZE, COLOR.text).text(c.header, x + CELL_PAD, y + CELL_PAD, {
        width: c.width - 2 * CELL_PAD,
        align: c.align ?? "left",
      });
      x += c.width;
    }
    doc.y = y + h;
  }

  /** A table whose rows wrap their text; the header repeats on each page it spans. */
  async table(columns: Column[], rows: Cell[][]) {
    const doc = this.doc;
    const total = columns.reduce((s, c) => s + c.width, 0);
    // Widths are proportions of the text width.
    const cols = columns.map((c) => ({ ...c, width: (c.width / total) * this.width }));
    const maxRow = this.bottom - MARGIN.top - 60;
    // The header never stands alone at the foot of a page.
    const first = rows[0] ? Math.max(...rows[0].map((cell, i) => this.cellHeight(cell, cols[i].width - 2 * CELL_PAD))) + 2 * CELL_PAD : 0;
    this.ensureSpace(Math.min(first, maxRow) + 30);
    this.drawHeader(cols);
    let index = 0;
    for (const row of rows) {
      let h = Math.max(...row.map((cell, i) => this.cellHeight(cell, cols[i].width - 2 * CELL_PAD))) + 2 * CELL_PAD;
      h = Math.min(h, maxRow);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        this.drawHeader(cols);
      }
      const y = doc.y;
      if (index % 2 === 1) doc.save().rect(this.left, y, this.width, h).fill(COLOR.zebra).restore();
      let x = this.left;
      row.forEach((cell, i) => {
        const c = typeof cell === "string" ? { main: cell } : cell;
        const w = cols[i].width - 2 * CELL_PAD;
        const align = cols[i].align ?? "left";
        this.setFont(c.bold ? "Bold" : "Body", TABLE_SIZE, c.color ?? COLOR.text).text(c.main || "", x + CELL_PAD, y + CELL_PAD, {
          width: w,
          align,
          height: h - 2 * CELL_PAD,
          ellipsis: true,
        });
        if (c.sub) {
          this.setFont("Body", SUB_SIZE, COLOR.muted).text(c.sub, x + CELL_PAD, doc.y + 1, {
            width: w,
            align,
            height: Math.max(1, y + h - CELL_PAD - doc.y),
            ellipsis: true,
          });
        }
        x += cols[i].width;
      });
      doc.save().moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(0.4).strokeColor(COLOR.rule).stroke().restore();
      doc.x = this.left;
      doc.y = y + h;
      index += 1;
      await this.breathe();
    }
    doc.y += 6;
  }

  // -------------------------------------------------------------------------

  cover() {
    const doc = this.doc;
    const { t, fmt } = this;
    const { money, count } = this.n;
    const { programme: p, period, summary: s } = this.report;
    doc.save().rect(0, 0, doc.page.width, 8).fill(COLOR.brand).restore();
    doc.y = MARGIN.top + 20;
    this.setFont("Bold", 10, COLOR.brand).text(t("reports.pdf.banner"), this.left, doc.y, { width: this.width, characterSpacing: 1 });
    doc.moveDown(0.6);
    this.setFont("Bold", 22, COLOR.text).text(p.title, this.left, doc.y, { width: this.width });
    doc.moveDown(0.2);
    this.setFont("Body", 12, COLOR.muted).text(p.code, this.left, doc.y, { width: this.width });
    for (const other of p.otherTitles) {
      doc.moveDown(0.2);
      this.setFont("Body", 12, COLOR.muted).text(other, this.left, doc.y, { width: this.width });
    }
    doc.moveDown(1.2);

    const facts: [string, string][] = [
      [t("reports.pdf.reportingPeriod"), fmt.dateRange(period.from, period.to)],
      [t("reports.pdf.countries"), p.countries.join(", ") || "—"],
      [t("reports.pdf.fundedBy"), p.funders.join("\n") || "—"],
      [t("reports.pdf.implementedBy"), p.implementers.join("\n") || "—"],
      [t("reports.pdf.programmeDates"), fmt.dateRange(p.start, p.end)],
      [t("reports.pdf.budget"), p.budget === null ? "—" : money(p.budget, p.budgetCurrency)],
      [t("reports.pdf.generatedOn"), fmt.date(new Date(isoDay(this.report.generatedAt)))],
    ];
    const labelW = 120;
    for (const [label, text] of facts) {
      const y = doc.y;
      this.setFont("Body", 9.5, COLOR.text);
      const h = doc.heightOfString(text, { width: this.width - labelW });
      this.setFont("Bold", 9.5, COLOR.muted).text(label, this.left, y, { width: labelW - 10 });
      this.setFont("Body", 9.5, COLOR.text).text(text, this.left + labelW, y, { width: this.width - labelW });
      doc.y = y + h + 6;
    }

    if (p.description) {
      doc.moveDown(0.6);
      this.setFont("Body", 9.5, COLOR.text).text(p.description, this.left, doc.y, { width: this.width, height: 160, ellipsis: true });
    }

    // Summary: counts for the period, in boxes.
    doc.moveDown(1);
    this.setFont("Bold", 12, COLOR.text).text(t("reports.pdf.inThisPeriod"), this.left, doc.y, { width: this.width });
    doc.moveDown(0.4);
    // [label, figure, note, note is a warning]
    const boxes: [string, string, string?, boolean?][] = [
      [t("reports.pdf.boxAgreements"), count(s.agreements)],
      [t("reports.pdf.boxActivities"), count(s.activities)],
      [
        t("reports.pdf.boxParticipants"),
        count(s.participants),
        t("reports.pdf.boxParticipantsNote", { female: count(s.female), male: count(s.male), other: count(s.other) }),
      ],
      [
        t("reports.pdf.boxDeliverables"),
        count(s.deliverables),
        s.deliverablesOverdue ? t("reports.pdf.boxOverdue", { count: count(s.deliverablesOverdue) }) : t("reports.pdf.boxNoneOverdue"),
        s.deliverablesOverdue > 0,
      ],
      [t("reports.pdf.boxOutcomes"), count(s.outcomes)],
      [t("reports.pdf.boxIndicators"), count(s.indicators)],
    ];
    const perRow = 3;
    const gap = 8;
    const boxW = (this.width - gap * (perRow - 1)) / perRow;
    const boxH = 64;
    this.ensureSpace(boxH * 2 + gap);
    const top = doc.y;
    boxes.forEach(([label, figure, note, warn], i) => {
      const x = this.left + (i % perRow) * (boxW + gap);
      const y = top + Math.floor(i / perRow) * (boxH + gap);
      doc.save().roundedRect(x, y, boxW, boxH, 4).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
      this.setFont("Body", 8, COLOR.muted).text(label, x + 8, y + 7, { width: boxW - 16, lineBreak: false });
      this.setFont("Bold", 16, COLOR.text).text(figure, x + 8, y + 18, { width: boxW - 16, lineBreak: false });
      if (note) {
        this.setFont("Body", 7, warn ? COLOR.warning : COLOR.muted).text(note, x + 8, y + 40, { width: boxW - 16, height: 24, ellipsis: true });
      }
    });
    doc.y = top + 2 * (boxH + gap);
    doc.x = this.left;
  }

  async agreements() {
    const { t, fmt } = this;
    const rows = this.report.agreements;
    this.heading(t("reports.pdf.agreements"), t("reports.pdf.agreementsIntro"));
    if (!rows.length) return this.empty(t("reports.pdf.agreementsNone"));
    await this.table(
      [
        { header: t("reports.col.agreement"), width: 160 },
        { header: t("reports.col.type"), width: 90 },
        { header: t("reports.col.status"), width: 55 },
        { header: t("reports.col.parties"), width: 85 },
        { header: t("reports.col.signed"), width: 70 },
        { header: t("reports.col.value"), width: 75, align: "right" },
      ],
      rows.map((a) => [
        { main: a.title, sub: a.reference },
        a.type,
        a.status,
        a.parties || "—",
        { main: fmt.date(a.signedOn, a.signedPrecision), sub: a.expiresOn ? t("reports.pdf.expires", { date: fmt.date(a.expiresOn) }) : null },
        a.value === null ? "—" : this.n.money(a.value, a.currency),
      ]),
    );
  }

  async activities() {
    const { t, fmt } = this;
    const { count } = this.n;
    const rows = this.report.activities;
    this.heading(t("reports.pdf.activities"), t("reports.pdf.activitiesIntro"));
    if (!rows.length) return this.empty(t("reports.pdf.activitiesNone"));
    await this.table(
      [
        { header: t("reports.col.dates"), width: 74 },
        { header: t("reports.col.activity"), width: 193 },
        { header: t("reports.col.status"), width: 58 },
        { header: t("reports.pdf.colPeople"), width: 44, align: "right" },
        { header: t("reports.pdf.colFemale"), width: 44, align: "right" },
        { header: t("reports.pdf.colMale"), width: 38, align: "right" },
        { header: t("reports.col.other"), width: 44, align: "right" },
      ],
      rows.map((a) => [
        { main: fmt.dateRange(a.start, a.end, a.precision), sub: a.planned ? t("reports.planned") : null },
        { main: a.title, sub: [a.kind, [a.city, a.country].filter(Boolean).join(", ")].filter(Boolean).join(" · ") },
        a.status,
        count(a.participantsTotal),
        count(a.female),
        count(a.male),
        count(a.other),
      ]),
    );
    const groups = this.report.participantGroups;
    if (groups.length) {
      this.ensureSpace(80);
      this.setFont("Bold", 10.5).text(t("reports.pdf.participantsByOrganisation"), this.left, this.doc.y + 4, { width: this.width });
      this.doc.y += 4;
      await this.table(
        [
          { header: t("reports.col.group"), width: 190 },
          { header: t("reports.col.activity"), width: 135 },
          { header: t("reports.pdf.colPeople"), width: 44, align: "right" },
          { header: t("reports.pdf.colFemale"), width: 44, align: "right" },
          { header: t("reports.pdf.colMale"), width: 38, align: "right" },
          { header: t("reports.col.other"), width: 44, align: "right" },
        ],
        groups.map((g) => [g.group, { main: g.activity, sub: fmt.date(g.activityStart, g.activityPrecision) }, count(g.total), count(g.female), count(g.male), count(g.other)]),
      );
    }
  }

  async deliverables() {
    const { t, fmt } = this;
    const rows = this.report.deliverables;
    this.heading(t("reports.pdf.deliverables"), t("reports.pdf.deliverablesIntro"));
    if (!rows.length) return this.empty(t("reports.pdf.deliverablesNone"));
    await this.table(
      [
        { header: t("reports.col.deliverable"), width: 220 },
        { header: t("reports.col.responsible"), width: 80 },
        { header: t("reports.col.due"), width: 70 },
        { header: t("reports.col.status"), width: 100 },
      ],
      rows.map((d) => [
        { main: d.title, sub: [d.agreement, d.activity].filter(Boolean).join(" · ") || null },
        d.responsible ?? "—",
        fmt.date(d.dueDate),
        d.overdue
          ? { main: t("reports.pdf.statusOverdue", { status: d.status }), color: COLOR.warning, bold: true }
          : {
              main: d.status,
              sub: d.acceptedAt
                ? t("reports.pdf.acceptedOn", { date: fmt.date(d.acceptedAt) })
                : d.submittedAt
                  ? t("reports.pdf.submittedOn", { date: fmt.date(d.submittedAt) })
                  : null,
            },
      ]),
    );
  }

  async outcomes() {
    const { t, fmt } = this;
    const rows = this.report.outcomes;
    this.heading(t("reports.pdf.outcomes"), t("reports.pdf.outcomesIntro"));
    if (!rows.length) return this.empty(t("reports.pdf.outcomesNone"));
    await this.table(
      [
        { header: t("reports.col.outcome"), width: 210 },
        { header: t("reports.col.agreedAt"), width: 115 },
        { header: t("reports.col.responsible"), width: 65 },
        { header: t("reports.col.followUp"), width: 110 },
      ],
      rows.map((o) => [
        { main: o.text, sub: o.type },
        { main: o.activity, sub: fmt.date(o.activityStart, o.activityPrecision) },
        { main: o.responsible ?? "—", sub: o.dueDate ? t("reports.pdf.dueOn", { date: fmt.date(o.dueDate) }) : null },
        {
          main: o.followUp,
          sub: [o.followUpNote, o.deliverable ? t("reports.pdf.deliverableLink", { title: o.deliverable }) : null].filter(Boolean).join(" · ") || null,
        },
      ]),
    );
  }

  async indicators() {
    const { t, fmt } = this;
    const { value } = this.n;
    const list = this.report.indicators;
    this.heading(t("reports.pdf.results"), t("reports.pdf.resultsIntro"));
    if (!list.length) return this.empty(t("reports.pdf.resultsNone"));
    const rows: Cell[][] = [];
    for (const i of list) {
      const unit = i.measure === "QUALITATIVE" ? t("reports.qualitative") : i.unit ?? "";
      const baseline = i.baseline === null ? "—" : `${value(i.baseline)}${i.baselineYear ? ` (${i.baselineYear})` : ""}`;
      if (!i.periods.length) {
        rows.push([{ main: i.title, sub: i.resultType }, baseline, { main: t("reports.pdf.noPeriod"), color: COLOR.muted }, "—", "—", unit]);
      }
      i.periods.forEach((p, n) => {
        rows.push([
          n === 0 ? { main: i.title, sub: i.resultType } : { main: "", sub: null },
          n === 0 ? baseline : "",
          fmt.dateRange(p.start, p.end),
          value(p.target),
          value(p.actual),
          unit,
        ]);
      });
    }
    await this.table(
      [
        { header: t("reports.col.indicator"), width: 185 },
        { header: t("reports.col.baseline"), width: 60, align: "right" },
        { header: t("reports.col.period"), width: 95 },
        { header: t("reports.col.target"), width: 55, align: "right" },
        { header: t("reports.col.actual"), width: 55, align: "right" },
        { header: t("reports.col.unit"), width: 50 },
      ],
      rows,
    );
    this.chart();
  }

  /** Latest actual against latest target, one bar pair per numeric indicator, each on its own scale. */
  chart() {
    const doc = this.doc;
    const { t, fmt } = this;
    const { value } = this.n;
    const bars = this.report.indicators
      .filter((i) => i.measure !== "QUALITATIVE" && i.latest && (i.latest.target !== null || i.latest.actual !== null))
      .map((i) => ({ title: i.title, unit: i.unit ?? "", target: i.latest!.target, actual: i.latest!.actual, end: i.latest!.periodEnd }));
    if (!bars.length) return;
    this.ensureSpace(90);
    doc.y += 6;
    this.setFont("Bold", 10.5).text(t("reports.pdf.chartTitle"), this.left, doc.y, { width: this.width });
    this.setFont("Body", 8, COLOR.muted).text(t("reports.pdf.chartIntro"), this.left, doc.y, {
      width: this.width,
    });
    doc.y += 6;
    const labelW = 190;
    const figureW = 125;
    const barX = this.left + labelW + 8;
    const barW = this.width - labelW - 8 - figureW - 8;
    for (const b of bars) {
      this.setFont("Body", 8.5);
      const labelH = Math.min(doc.heightOfString(b.title, { width: labelW }), 36);
      const rowH = Math.max(labelH, 22) + 10;
      this.ensureSpace(rowH);
      const y = doc.y;
      this.setFont("Body", 8.5, COLOR.text).text(b.title, this.left, y, { width: labelW, height: 36, ellipsis: true });
      const scale = Math.max(b.target ?? 0, b.actual ?? 0) || 1;
      const tW = ((b.target ?? 0) / scale) * barW;
      const aW = ((b.actual ?? 0) / scale) * barW;
      doc.save();
      doc.rect(barX, y + 1, barW, 18).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
      if (tW > 0) doc.rect(barX, y + 1, tW, 9).fill(COLOR.brandLight);
      if (aW > 0) doc.rect(barX, y + 10, aW, 9).fill(COLOR.brand);
      doc.restore();
      const withUnit = (n: number | null) => (b.unit === "%" ? `${value(n)}%` : `${value(n)} ${b.unit}`.trim());
      const until = fmt.date(b.end);
      const share =
        b.target && b.actual !== null
          ? t("reports.pdf.chartShareUntil", { share: String(Math.round((b.actual / b.target) * 100)), date: until })
          : t("reports.pdf.chartUntil", { date: until });
      this.setFont("Body", 8, COLOR.text).text(t("reports.pdf.chartFigures", { actual: withUnit(b.actual), target: withUnit(b.target) }), barX + barW + 8, y, {
        width: figureW,
        lineBreak: false,
        ellipsis: true,
      });
      this.setFont("Body", 7, COLOR.muted).text(share, barX + barW + 8, y + 12, {
        width: figureW,
        lineBreak: false,
        ellipsis: true,
      });
      doc.x = this.left;
      doc.y = y + rowH;
    }
  }

  async funding() {
    const { t } = this;
    const { money } = this.n;
    const rows = this.report.funding;
    this.heading(t("reports.pdf.funding"), t("reports.pdf.fundingIntro"));
    if (!rows.length) return this.empty(t("reports.pdf.fundingNone"));
    await this.table(
      [
        { header: t("reports.col.year"), width: 50 },
        { header: t("reports.col.currency"), width: 60 },
        { header: t("reports.col.committed"), width: 140, align: "right" },
        { header: t("reports.col.disbursed"), width: 140, align: "right" },
        { header: t("reports.col.disbursedShare"), width: 105, align: "right" },
      ],
      rows.map((f) => {
        const c = Number(f.committed);
        const d = Number(f.disbursed);
        return [String(f.year), f.currency, money(f.committed, f.currency), money(f.disbursed, f.currency), c > 0 ? `${Math.round((d / c) * 100)}%` : "—"];
      }),
    );
  }

  async documents() {
    const { t, fmt } = this;
    const rows = this.report.documents;
    if (!rows.length) return;
    this.heading(t("reports.pdf.documents"), t("reports.pdf.documentsIntro"));
    await this.table(
      [
        { header: t("reports.col.document"), width: 250 },
        { header: t("reports.col.category"), width: 60 },
        { header: t("reports.col.date"), width: 70 },
        { header: t("reports.col.file"), width: 115 },
      ],
      rows.map((d) => [d.title, d.category, fmt.date(d.date), d.file]),
    );
  }

  async render() {
    this.cover();
    this.doc.addPage();
    await this.agreements();
    await this.activities();
    await this.deliverables();
    await this.outcomes();
    await this.indicators();
    await this.funding();
    await this.documents();
    this.doc.end();
  }
}

/**
 * The report as a PDF byte stream. Drawing goes on after this returns; an
 * error while drawing ends the stream with that error.
 */
export function programmeReportPdf(report: ProgrammeReport, t: Translator = serverTranslator(DEFAULT_LOCALE)): Readable {
  const writer = new ReportWriter(report, t);
  writer.render().catch((error: unknown) => writer.doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return writer.doc;
}
