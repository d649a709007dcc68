import { closeDatabase } from "../app/utils/db.server";

/**
 * Runs a command-line task with the database closed cleanly at the end, on
 * SIGTERM/SIGINT too: a PGlite directory killed mid-write can become unopenable.
 */
export function runTask(name: string, task: () => Promise<string | void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`${name}: ${signal} received, closing the database`);
    void closeDatabase().finally(() => process.exit(130));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  task()
    .then(async (message) => {
      await closeDatabase();
      if (message) console.log(message);
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      await closeDatabase();
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
