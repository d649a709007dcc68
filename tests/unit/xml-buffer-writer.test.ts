import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { XmlBufferWriter, XmlTextWriter } from "~/reports/xml-text-writer";

// The IATI file's byte writer (app/reports/xml-text-writer.ts): the same
// bytes as the text writer's output encoded as UTF-8, whatever the text and
// wherever its multibyte characters fall against the buffer's growth, so the
// file and the content hashes (sha256 of the activity's text) do not change.

type Script = (xml: XmlTextWriter | XmlBufferWriter) => void;

/** Runs the same calls on both writers: the text writer's string as UTF-8, and the byte writer's bytes. */
function both(script: Script, capacity?: number) {
  const text = new XmlTextWriter(1);
  script(text);
  const bytes = new XmlBufferWriter(1, capacity);
  script(bytes);
  return { expected: Buffer.from(text.toString(), "utf8"), actual: bytes.take() };
}

const RU = "Обучение специалистов по оценке медицинских технологий";
const KO = "건강보험심사평가원 — 의료기술평가 연수";
const AWKWARD = `a"b<c>&d'e\n\t\r\u0001\u000B\uFFFE\uFFFF end`;

describe("XmlBufferWriter", () => {
  it("escapes & < > \" ' and drops what XML cannot carry, in text and attributes, as the text writer does", () => {
    const { expected, actual } = both((xml) => {
      xml.ele("n").att("v", AWKWARD).txt(AWKWARD).up();
    });
    expect(actual.toString("utf8")).toBe('  <n v="a&quot;b&lt;c&gt;&amp;d\'e&#xA;&#x9;&#xD; end">a"b&lt;c&gt;&amp;d\'e\n\t&#xD; end</n>');
    expect(actual.equals(expected)).toBe(true);
  });

  it("writes Russian, Korean, astral characters and lone surrogates as UTF-8, across every growth of a tiny buffer", () => {
    // A 1-byte start: every piece makes the buffer grow, at every offset of every multibyte character.
    const script: Script = (xml) => {
      xml.ele("iati-activity").att("xml:lang", "ru");
      for (let i = 0; i < 40; i++) {
        xml.ele("narrative").att("xml:lang", i % 2 ? "ko" : "ru").txt(`${i % 2 ? KO : RU} ${"x".repeat(i)} 😀 \uD800 \uDC00`).up();
      }
      xml.up();
    };
    const { expected, actual } = both(script, 1);
    expect(actual.equals(expected)).toBe(true);
    expect(actual.toString("utf8")).toContain(KO);
    expect(actual.toString("utf8")).toContain(RU);
    // A lone surrogate is U+FFFD, as Buffer.from and hash.update(string) encode it.
    expect(actual.toString("utf8")).toContain("\uFFFD \uFFFD");
  });

  it("hashes to the sha256 of the text it replaces, and inserts an attribute without changing the rest", () => {
    const xml = new XmlBufferWriter(1, 16);
    const text = new XmlTextWriter(1);
    for (const w of [xml, text]) w.ele("iati-activity").att("xml:lang", "ko").ele("title").txt(KO).up().up();
    const start = 0;
    const end = xml.length;
    expect(createHash("sha256").update(xml.view(start, end)).digest("hex")).toBe(createHash("sha256").update(text.toString()).digest("hex"));

    xml.insertAscii("  <iati-activity".length, ' last-updated-datetime="2026-01-01T00:00:00Z"').write("\n");
    expect(xml.take().toString("utf8")).toBe(
      text.toString().replace("<iati-activity ", '<iati-activity last-updated-datetime="2026-01-01T00:00:00Z" ') + "\n",
    );
  });

  it("starts each fragment without a newline and hands over bytes that later writes do not touch", () => {
    const xml = new XmlBufferWriter(1, 8);
    expect(xml.fragment()).toBe(0);
    xml.ele("a").txt(RU).up();
    xml.write("\n");
    const second = xml.fragment();
    xml.ele("b").up();
    const first = xml.take();
    expect(first.toString("utf8")).toBe(`  <a>${RU}</a>\n  <b/>`);
    expect(second).toBe(Buffer.byteLength(`  <a>${RU}</a>\n`));
    xml.ele("c").txt(KO).up();
    expect(first.toString("utf8")).toBe(`  <a>${RU}</a>\n  <b/>`);
    expect(xml.take().toString("utf8")).toBe(`  <c>${KO}</c>`);
  });

  it("refuses to hand over or start a fragment with an element open", () => {
    expect(() => new XmlBufferWriter().ele("a").take()).toThrow(/unclosed <a>/);
    expect(() => new XmlBufferWriter().ele("a").fragment()).toThrow(/unclosed <a>/);
    expect(() => new XmlBufferWriter().insertAscii(5, "x")).toThrow(RangeError);
  });
});
