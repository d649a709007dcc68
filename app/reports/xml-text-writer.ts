// An indented XML writer for the IATI file: elements, attributes and text,
// nothing else (no namespaces beyond the xml: prefix, no mixed content, no
// comments), with the chaining calls of xmlbuilder2's builder (ele, att, txt,
// up) and the same layout (two spaces a level, an element holding only text
// on one line, an empty one self-closed).
//
// Why not xmlbuilder2, which wrote the file before issue 17: its callback
// builder costs about 0.2 ms per element on this project's machines (measured: 30 s
// of a 33 s export of the synthetic portfolio's 25 programmes and 5,000
// activities, against the bench's 5 s), because each call goes through its
// DOM layer. This file needs only well-formed output of trusted element
// names, which string concatenation gives at a fraction of the cost; the
// schema tests (tests/db/iati*.test.ts) check every file it writes.

/** Characters XML 1.0 cannot carry at all: dropped wherever text is written. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const TEXT: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;" };
const ATTRIBUTE: Record<string, string> = { ...TEXT, '"': "&quot;", "\n": "&#xA;", "\t": "&#x9;" };

export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>\r]/g, (c) => TEXT[c]);
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(NOT_XML, "").replace(/[&<>"\r\n\t]/g, (c) => ATTRIBUTE[c]);
}

type Open = { name: string; startTagOpen: boolean; children: boolean };

/**
 * The layout, shared by the string and the byte writer: subclasses only say
 * how a piece of trusted markup (`raw`) and a piece of escaped text or
 * attribute value (`escaped`) are stored.
 */
abstract class IndentedXmlWriter {
  private readonly stack: Open[] = [];
  private started = false;

  /** `offset`: levels of indentation the first element starts at (1 inside a root written separately). */
  constructor(private readonly offset = 0) {}

  protected abstract raw(markup: string): void;
  protected abstract escaped(text: string, attribute: boolean): void;

  ele(name: string): this {
    const parent = this.stack.at(-1);
    if (parent) {
      this.closeStartTag(parent);
      parent.children = true;
    }
    if (this.started) this.raw("\n");
    this.raw(this.indent(this.stack.length));
    this.raw("<");
    this.raw(name);
    this.started = true;
    this.stack.push({ name, startTagOpen: true, children: false });
    return this;
  }

  att(name: string, value: string): this {
    const top = this.stack.at(-1);
    if (!top?.startTagOpen) throw new Error(`attribute ${name} outside a start tag`);
    this.raw(" ");
    this.raw(name);
    this.raw('="');
    this.escaped(value, true);
    this.raw('"');
    return this;
  }

  txt(text: string): this {
    const top = this.stack.at(-1);
    if (!top) throw new Error("text outside an element");
    this.closeStartTag(top);
    this.escaped(text, false);
    return this;
  }

  up(): this {
    const top = this.stack.pop();
    if (!top) throw new Error("up() past the first element");
    if (top.startTagOpen) this.raw("/>");
    else {
      if (top.children) {
        this.raw("\n");
        this.raw(this.indent(this.stack.length));
      }
      this.raw("</");
      this.raw(top.name);
      this.raw(">");
    }
    return this;
  }

  /** Throws unless every element is closed. */
  protected assertClosed() {
    if (this.stack.length) throw new Error(`unclosed <${this.stack.at(-1)!.name}>`);
  }

  /** The next element starts a new top-level fragment: no newline before it. */
  protected restart() {
    this.assertClosed();
    this.started = false;
  }

  private closeStartTag(open: Open) {
    if (!open.startTagOpen) return;
    this.raw(">");
    open.startTagOpen = false;
  }

  private indent(depth: number): string {
    return INDENTS[this.offset + depth] ?? "  ".repeat(this.offset + depth);
  }
}

const INDENTS = Array.from({ length: 16 }, (_, depth) => "  ".repeat(depth));

/** The writer as text: for small documents and the tests. */
export class XmlTextWriter extends IndentedXmlWriter {
  private readonly out: string[] = [];

  protected raw(markup: string) {
    this.out.push(markup);
  }

  protected escaped(text: string, attribute: boolean) {
    this.out.push(attribute ? escapeXmlAttribute(text) : escapeXmlText(text));
  }

  /** The XML written so far; every element must be closed. */
  toString(): string {
    this.assertClosed();
    return this.out.join("");
  }
}

// What escaping does to each ASCII character, as a table: the character
// itself (COPY), nothing (DROP: XML 1.0 cannot carry it), or an entity.
const COPY = 0;
const DROP = 1;
function asciiTable(entities: Record<string, string>): (typeof COPY | typeof DROP | Buffer)[] {
  return Array.from({ length: 128 }, (_, code) => {
    const c = String.fromCharCode(code);
    if (entities[c]) return Buffer.from(entities[c], "latin1");
    return c.replace(NOT_XML, "") === "" ? DROP : COPY;
  });
}
const TEXT_TABLE = asciiTable(TEXT);
const ATTRIBUTE_TABLE = asciiTable(ATTRIBUTE);
/** The most bytes one UTF-16 code unit can become: an entity (&quot; is 6). */
const MAX_BYTES_PER_UNIT = 6;

/**
 * The writer as UTF-8 bytes in one growable Buffer, encoding and escaping in
 * a single pass: the same bytes as `Buffer.from(new XmlTextWriter()...toString())`
 * (a lone surrogate becomes U+FFFD, as Buffer.from writes it), without a
 * string per piece or per document. The IATI file writes each programme's
 * activities into one of these and hands the bytes to the response as they
 * are (docs/performance.md, issue 17): strings of the whole file were most of
 * the server's garbage.
 */
export class XmlBufferWriter extends IndentedXmlWriter {
  private buf: Buffer;
  private used = 0;

  constructor(offset = 0, capacity = 64 * 1024) {
    super(offset);
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.used;
  }

  /** A view of bytes written (not a copy: valid until the next write or take()). */
  view(start = 0, end = this.used): Buffer {
    return this.buf.subarray(start, end);
  }

  /** Trusted markup outside any element (between top-level fragments). */
  write(markup: string): this {
    this.raw(markup);
    return this;
  }

  /** Puts ASCII markup in at an earlier position, moving what follows it. */
  insertAscii(at: number, markup: string): this {
    if (at < 0 || at > this.used) throw new RangeError(`insert at ${at} outside 0..${this.used}`);
    const n = markup.length;
    this.reserve(n);
    this.buf.copyWithin(at + n, at, this.used);
    for (let i = 0; i < n; i++) this.buf[at + i] = markup.charCodeAt(i) & 0x7f;
    this.used += n;
    return this;
  }

  /** Starts a new top-level fragment (every element closed): its first element has no newline before it. */
  fragment(): number {
    this.restart();
    return this.used;
  }

  /**
   * Hands over everything written (every element closed) and starts an empty
   * buffer for what follows; the one handed over is never written again.
   */
  take(): Buffer {
    this.assertClosed();
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(Math.max(64 * 1024, Math.ceil(this.used * 1.25)));
    this.used = 0;
    this.restart();
    return out;
  }

  protected raw(markup: string) {
    this.encode(markup, null);
  }

  protected escaped(text: string, attribute: boolean) {
    this.encode(text, attribute ? ATTRIBUTE_TABLE : TEXT_TABLE);
  }

  private reserve(extra: number) {
    const needed = this.used + extra;
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.used);
    this.buf = grown;
  }

  /** UTF-8 of `s`, escaped by `table` (null: as it is), appended. */
  private encode(s: string, table: (typeof COPY | typeof DROP | Buffer)[] | null) {
    const n = s.length;
    this.reserve(n * MAX_BYTES_PER_UNIT);
    const buf = this.buf;
    let pos = this.used;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        const action = table === null ? COPY : table[c];
        if (action === COPY) buf[pos++] = c;
        else if (action !== DROP) pos += action.copy(buf, pos);
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // A lone surrogate: U+FFFD, as Buffer.from and hash.update write it.
          buf[pos++] = 0xef;
          buf[pos++] = 0xbf;
          buf[pos++] = 0xbd;
        }
      } else if (table !== null && c >= 0xfffe) {
        // U+FFFE and U+FFFF: not XML characters, dropped like NOT_XML does.
      } else {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    this.used = pos;
  }
}
