/**
 * A file download: a plain link (not client-side navigation) to a resource
 * route. `refusalAsPage`: the route may refuse with a message the reader must
 * see (the IATI file before the publisher settings exist); without the
 * download attribute the browser shows that page, and a file the route does
 * send still downloads (Content-Disposition: attachment).
 */
export function DownloadLink({ href, children, refusalAsPage = false }: { href: string; children: string; refusalAsPage?: boolean }) {
  return (
    <a
      href={href}
      download={refusalAsPage ? undefined : true}
      className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
    >
      {children}
    </a>
  );
}

/**
 * Every download of a programme's report a reader may have, in one row: the
 * report (PDF), the workbook (XLSX), its activities (CSV) and the IATI file.
 * Each answers only with what the reader's scope may see.
 */
export function ProgrammeDownloads({
  code,
  labels,
  iatiUnavailable,
}: {
  code: string;
  labels: { pdf: string; xlsx: string; csv: string; iati: string };
  /** Why the IATI file cannot be written yet (no publisher settings): shown instead of its link. */
  iatiUnavailable?: string;
}) {
  const base = `/reports/programmes/${encodeURIComponent(code)}`;
  return (
    <>
      <DownloadLink href={`${base}.pdf`}>{labels.pdf}</DownloadLink>
      <DownloadLink href={`${base}.xlsx`}>{labels.xlsx}</DownloadLink>
      <DownloadLink href={`${base}.csv`}>{labels.csv}</DownloadLink>
      {iatiUnavailable ? (
        <span className="inline-flex min-h-[2.5rem] max-w-xs items-center text-sm text-amber-800">{iatiUnavailable}</span>
      ) : (
        <DownloadLink href={`/reports/iati.xml?programme=${encodeURIComponent(code)}`} refusalAsPage>
          {labels.iati}
        </DownloadLink>
      )}
    </>
  );
}
