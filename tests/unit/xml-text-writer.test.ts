import { describe, expect, it } from "vitest";
import { XmlTextWriter } from "~/reports/xml-text-writer";

// The IATI file's writer (app/reports/xml-text-writer.ts): xmlbuilder2's
// layout, escaping of text and attributes, nothing XML 1.0 cannot carry.

describe("XmlTextWriter", () => {
  it("indents children, keeps text on one line and self-closes empty elements", () => {
    const xml = new XmlTextWriter(1);
    xml.ele("a").att("x", "1").ele("b").txt("text").up().ele("c").att("y", "2").up().up();
    expect(xml.toString()).toBe('  <a x="1">\n    <b>text</b>\n    <c y="2"/>\n  </a>');
  });

  it("escapes markup in text and attributes and drops characters XML cannot carry", () => {
    const xml = new XmlTextWriter();
    xml.ele("n").att("v", `a"b<c>&d\n`).txt("x < y & z > w\u0001\r").up();
    expect(xml.toString()).toBe('<n v="a&quot;b&lt;c&gt;&amp;d&#xA;">x &lt; y &amp; z &gt; w&#xD;</n>');
  });

  it("refuses unbalanced or misplaced calls", () => {
    expect(() => new XmlTextWriter().ele("a").toString()).toThrow(/unclosed <a>/);
    expect(() => new XmlTextWriter().ele("a").txt("t").att("x", "1")).toThrow(/outside a start tag/);
    expect(() => new XmlTextWriter().up()).toThrow();
  });
});
