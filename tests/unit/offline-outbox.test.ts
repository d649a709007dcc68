import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import {
  bodyFromFields,
  classify,
  fieldsFromFormData,
  isHeldBack,
  replayUrl,
  sendOrder,
  valuesFromFields,
  withField,
  type OutboxEntry,
  type OutboxState,
} from "~/offline/outbox";
import { addEntry, countEntries, deleteOutbox, getEntry, listEntries, listSent, markSent, outboxName, removeEntry, updateEntry } from "~/offline/outbox.client";

// Issue 20: the outbox's pure parts (ordering, a form's data to an entry and
// back, what a replay's answer means) and its IndexedDB store (fake-indexeddb).

const KEY = "a".repeat(64);

function entry(seq: number, state: OutboxState, action = `/activities/new`): OutboxEntry {
  return {
    id: `e${seq}`,
    seq,
    createdAt: "2026-12-05T10:00:00.000Z",
    updatedAt: "2026-12-05T10:00:00.000Z",
    title: `Entry ${seq}`,
    formUrl: action,
    action,
    routeId: "routes/activities.new",
    encType: "application/x-www-form-urlencoded",
    fields: [],
    submissionKey: "",
    state,
  };
}

describe("a form's data in an entry", () => {
  it("keeps text fields in order, repeated names and files with their names", async () => {
    const data = new FormData();
    data.append("title", "Water workshop");
    data.append("agreementIds", "a1");
    data.append("agreementIds", "a2");
    data.append("participants.0.count", "12");
    data.append("file", new Blob(["photo bytes"], { type: "image/jpeg" }), "site.jpg");
    const fields = fieldsFromFormData(data);
    expect(fields.map((f) => f[0])).toEqual(["title", "agreementIds", "agreementIds", "participants.0.count", "file"]);
    expect(fields[4][2]).toBe("site.jpg");

    const body = bodyFromFields(fields, "multipart/form-data") as FormData;
    expect(body.getAll("agreementIds")).toEqual(["a1", "a2"]);
    const file = body.get("file") as File;
    expect(file.name).toBe("site.jpg");
    expect(await file.text()).toBe("photo bytes");
  });

  it("sends an url-encoded form url-encoded (files have no place there)", () => {
    const body = bodyFromFields([["title", "A & B"], ["n", "1"]], "application/x-www-form-urlencoded");
    expect(body).toBeInstanceOf(URLSearchParams);
    expect(body.toString()).toBe("title=A+%26+B&n=1");
  });

  it("gives the form its values back, rows and lists nested as the form names them", () => {
    const values = valuesFromFields([
      ["title", "Workshop"],
      ["agreementIds", "a1"],
      ["agreementIds", "a2"],
      ["participants.0.group", "Doctors"],
      ["participants.1.group", "Nurses"],
      ["_rows.participants", "4"],
    ]);
    expect(values).toEqual({
      title: "Workshop",
      agreementIds: ["a1", "a2"],
      participants: [{ group: "Doctors" }, { group: "Nurses" }],
      _rows: { participants: "4" },
    });
  });

  it("replaces one field (the version for keep mine, the submission key of a new entry) or adds it", () => {
    const fields: [string, string][] = [["version", "3"], ["_submission", "f".repeat(32)]];
    expect(withField(fields, "version", "5")).toEqual([["version", "5"], ["_submission", "f".repeat(32)]]);
    expect(withField([], "version", "5")).toEqual([["version", "5"]]);
    expect(withField(fields, "_submission", "a".repeat(32))).toEqual([["version", "3"], ["_submission", "a".repeat(32)]]);
  });

  it("replays to the action as a Remix data request, keeping the action's own query", () => {
    expect(replayUrl("/activities/new", "routes/activities.new", "http://x.test")).toBe("/activities/new?_data=routes%2Factivities.new");
    expect(replayUrl("/programmes?index", "routes/programmes._index", "http://x.test")).toBe("/programmes?index=&_data=routes%2Fprogrammes._index");
  });
});

describe("the order entries are sent in", () => {
  it("is the order they were saved in; refused and conflicting entries wait, and hold back later entries for the same record", () => {
    const entries = [
      entry(4, "waiting", "/activities/b/edit"),
      entry(1, "waiting"),
      entry(2, "conflict", "/activities/b/edit"),
      entry(3, "signedOut"),
      entry(5, "refused"),
      entry(6, "sending", "/deliverables/new"),
    ];
    expect(sendOrder(entries).map((e) => e.id)).toEqual(["e1", "e3", "e6"]);
    expect(isHeldBack(entries[0], entries)).toBe(true);
    expect(isHeldBack(entries[1], entries)).toBe(false);
  });
});

describe("what a replay's answer means", () => {
  const c = (status: number, redirect: string | null, body: unknown = null) => classify({ status, redirect, body }, "GONE", "NOT SAVED");
  it("a redirect is sent, unless it goes to sign in", () => {
    expect(c(204, "/activities/x1")).toEqual({ kind: "sent", location: "/activities/x1" });
    expect(c(204, "/sign-in?redirectTo=%2Factivities%2Fnew")).toEqual({ kind: "signedOut" });
    expect(c(204, "/sign-in/mfa")).toEqual({ kind: "signedOut" });
    expect(c(204, "/sign-inside")).toEqual({ kind: "sent", location: "/sign-inside" });
  });
  it("401 and 403 are a session gone; 5xx and 429 are tried later; 404 is refused as gone", () => {
    expect(c(401, null).kind).toBe("signedOut");
    expect(c(403, null).kind).toBe("signedOut");
    expect(c(503, null).kind).toBe("retry");
    expect(c(429, null).kind).toBe("retry");
    expect(c(404, null)).toEqual({ kind: "refused", errors: {}, formError: "GONE" });
  });
  it("400 with errors is refused with its messages; 409 with a conflict is a conflict", () => {
    expect(c(400, null, { errors: { endDate: "before start" }, formError: null })).toEqual({ kind: "refused", errors: { endDate: "before start" }, formError: null });
    const conflict = { updatedBy: "Ann", updatedAt: "2026-12-05T10:00:00.000Z", changes: [{ field: "title", label: "Title", mine: "A", theirs: "B" }] };
    expect(c(409, null, { errors: {}, formError: null, conflict })).toEqual({ kind: "conflict", conflict });
    expect(c(409, null, { errors: {}, formError: "Still saving", conflict: null })).toEqual({ kind: "refused", errors: {}, formError: "Still saving" });
    expect(c(413, null)).toEqual({ kind: "refused", errors: {}, formError: "NOT SAVED" });
  });
});

describe("the outbox store (IndexedDB)", () => {
  const draft = (title: string) => ({
    title,
    formUrl: "/activities/new",
    action: "/activities/new",
    routeId: "routes/activities.new",
    encType: "application/x-www-form-urlencoded" as const,
    fields: [["title", title]] as [string, string][],
    submissionKey: "b".repeat(32),
  });

  it("is one database per account, named concord-outbox-<key>", () => {
    expect(outboxName(KEY)).toBe(`concord-outbox-${KEY}`);
  });

  it("adds entries in order, updates, lists, removes, and moves a sent entry to the sent notices", async () => {
    const first = await addEntry(KEY, draft("First"));
    const second = await addEntry(KEY, draft("Second"));
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(first.state).toBe("waiting");
    expect((await listEntries(KEY)).map((e) => e.title)).toEqual(["First", "Second"]);

    const refused = await updateEntry(KEY, first.id, { state: "refused", errors: { title: "too short" } });
    expect(refused?.state).toBe("refused");
    expect((await getEntry(KEY, first.id))?.errors).toEqual({ title: "too short" });
    expect(await updateEntry(KEY, "no-such-entry", { state: "waiting" })).toBeUndefined();

    await markSent(KEY, second, "/activities/x2");
    expect(await countEntries(KEY)).toBe(1);
    expect(await listSent(KEY)).toEqual([expect.objectContaining({ id: second.id, title: "Second", sentTo: "/activities/x2" })]);

    await removeEntry(KEY, first.id);
    expect(await countEntries(KEY)).toBe(0);
  });

  it("keeps each account's entries apart, and deleting one outbox leaves the other", async () => {
    const other = "c".repeat(64);
    await addEntry(KEY, draft("Mine"));
    await addEntry(other, draft("Theirs"));
    expect((await listEntries(KEY)).map((e) => e.title)).toEqual(["Mine"]);
    await deleteOutbox(KEY);
    expect(await countEntries(KEY)).toBe(0);
    expect((await listEntries(other)).map((e) => e.title)).toEqual(["Theirs"]);
  });
});
