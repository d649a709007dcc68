// Run by tests/process/pglite-worker.test.ts as a separate process:
//   tsx tests/process/pglite-worker-script.ts hold|crash
// hold:  opens the embedded database (CONCORD_DATA_DIR), prints "open <thread>",
//        and on SIGUSR2 closes it and lets the process end by itself: a worker
//        thread left running would keep it alive.
// crash: opens it, then kills the worker thread as a WebAssembly abort would,
//        and keeps asking: the process must stop on its own, loudly.
import { closeDatabase, getEmbedded, prisma } from "../../app/utils/db.server";

async function main() {
  const mode = process.argv[2];
  const embedded = await getEmbedded();
  await prisma.$queryRaw`SELECT 1`;
  console.log(`open ${embedded.thread}`);
  if (mode === "hold") {
    const alive = setInterval(() => undefined, 1000);
    process.once("SIGUSR2", () => {
      clearInterval(alive);
      void closeDatabase().then(() => console.log("closed"));
    });
    return;
  }
  embedded.channel!.crashForTest("simulated abort");
  for (;;) {
    await prisma.$queryRaw`SELECT 1`.catch((error: Error) => console.log(`query failed: ${error.message.split("\n").at(-1)}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
