import os from "node:os";
import fs from "node:fs";

// What the figures were measured on: a result without its machine is not a result.

export type Machine = {
  cpuModel: string;
  cores: number;
  ramGb: number;
  loadAverage1m: number;
  os: string;
  node: string;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    // Cores this process may use (a container's CPU limit shows here, not in os.cpus()).
    cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    os: `${os.type()} ${os.release()} ${os.arch()}${distro()}`,
    node: process.version,
  };
}

function distro(): string {
  try {
    const name = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1];
    return name ? ` (${name})` : "";
  } catch {
    return "";
  }
}
