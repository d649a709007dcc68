// Closes the SMTP server started by global-setup.ts.
export default async function globalTeardown() {
  const server = globalThis.__concordSmtpServer;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  globalThis.__concordSmtpServer = undefined;
}
