/**
 * Control of test brokers run by test/infra/kafka/start.sh, for fault tests: start one, kill it hard (as a crash
 * would), start it again on the same data dir, stop it.
 *
 * The shared broker (.ci/run, port 19092) serves every Kafka test file, and Jest runs files in parallel: a test
 * that kills a broker should start its own on other ports (`startBroker({ port: 19192, controllerPort: 19193 })`)
 * and stop it in `afterAll`, so it never disturbs the others.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface BrokerPorts {
  /** The PLAINTEXT listener; default KAFKA_TEST_PORT or 19092. */
  port?: number;
  /** The KRaft controller listener; default KAFKA_TEST_CONTROLLER_PORT or 19093. */
  controllerPort?: number;
}

const run = promisify(execFile);
const here = __dirname;

const portOf = (ports: BrokerPorts): number => ports.port ?? Number(process.env.KAFKA_TEST_PORT ?? 19092);

const scriptEnv = (ports: BrokerPorts): NodeJS.ProcessEnv => ({
  ...process.env,
  KAFKA_TEST_PORT: String(portOf(ports)),
  KAFKA_TEST_CONTROLLER_PORT: String(
    ports.controllerPort ?? Number(process.env.KAFKA_TEST_CONTROLLER_PORT ?? 19093),
  ),
});

const runScript = async (script: string, ports: BrokerPorts, timeoutMs: number): Promise<void> => {
  try {
    await run('bash', [join(here, script)], { env: scriptEnv(ports), timeout: timeoutMs });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message?: string };
    throw new Error(
      `${script} for the Kafka test broker on port ${portOf(ports)} failed: ${failure.message ?? ''}\n` +
        `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
  }
};

const readPid = (ports: BrokerPorts): number => {
  const pidFile = join(here, `kafka-test-broker-${portOf(ports)}.pid`);
  if (!existsSync(pidFile)) {
    throw new Error(`no Kafka test broker pid file at ${pidFile}: was the broker started by start.sh?`);
  }
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    throw new Error(`the pid file ${pidFile} holds no pid`);
  }
  return pid;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a broker (fetching the jars on first use) and resolves when it serves producers and groups. */
export const startBroker = (ports: BrokerPorts = {}, timeoutMs = 180_000): Promise<void> =>
  runScript('start.sh', ports, timeoutMs);

/** Stops a broker gracefully and removes its data dir. */
export const stopBroker = (ports: BrokerPorts = {}, timeoutMs = 60_000): Promise<void> =>
  runScript('stop.sh', ports, timeoutMs);

/** SIGKILLs the broker (no controlled shutdown) and waits until the process is gone. */
export const killBroker = async (ports: BrokerPorts = {}, timeoutMs = 10_000): Promise<void> => {
  const pid = readPid(ports);
  if (!isAlive(pid)) {
    return;
  }
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`Kafka test broker (pid ${pid}) still alive ${timeoutMs} ms after SIGKILL`);
    }
    await sleep(50);
  }
};

/**
 * Starts the broker again with start.sh (same ports, same data dir, so topics and committed offsets survive) and
 * resolves once it is ready. If the broker is still running, start.sh only checks that it answers.
 */
export const restartBroker = (ports: BrokerPorts = {}, timeoutMs = 120_000): Promise<void> =>
  runScript('start.sh', ports, timeoutMs);
