import { MAX_UPLOAD_BYTES } from "./labels-document";

// Every limit on what a request may send, in one place. The server entry
// (scripts/server.ts) refuses a body over its limit with 413 before reading
// it; the form parser (app/utils/form.ts) refuses field names it would have
// to walk too far with 400. Both answer well under a second whatever is sent.

/** Bounds on a posted form's field names, checked before any name is walked. */
export const FORM_LIMITS = {
  /** Fields in one form (the largest real form, an activity with all its rows, has a few hundred). */
  maxFields: 2000,
  /** Characters in one field name ("participants.12.organisationId" is 30). */
  maxNameLength: 200,
  /** Dot-separated segments in one name ("parties.0.role" has 3). */
  maxDepth: 6,
  /** The largest list index in a name ("rows.999.x"): rows are added one at a time. */
  maxIndex: 999,
} as const;

const MIB = 1024 * 1024;

/** Request bodies, by what the route does with them. */
export const BODY_LIMITS = {
  /**
   * Any body but an upload: the longest form field the hostile-input corpus
   * sends (100,000 combining accents, 600 KB URL-encoded) fits several times.
   */
  defaultBytes: 2 * MIB,
  /**
   * A document upload: the file parser keeps reading up to ten times the file
   * limit (so it can show the form again with a "too large" message, see
   * receiveUpload in app/models/file-store.server.ts), plus the other fields.
   */
  uploadBytes: 10 * MAX_UPLOAD_BYTES + 2 * MIB,
} as const;

/**
 * The only paths that take file uploads (multipart bodies with a file; the IATI import also posts an
 * activity's XML; the JSON API's document upload, POST /api/v1/documents; the spreadsheet import,
 * POST /imports, whose files are checked like documents).
 */
const UPLOAD_PATHS = new Set(["/documents/new", "/admin/iati-import", "/api/v1/documents", "/imports"]);

/** The largest body a request to `pathname` may send. */
export function bodyLimitFor(pathname: string): number {
  return UPLOAD_PATHS.has(pathname.replace(/\/+$/, "") || "/") ? BODY_LIMITS.uploadBytes : BODY_LIMITS.defaultBytes;
}
