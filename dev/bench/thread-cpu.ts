/**
 * CPU time of this process's main thread alone (Linux: /proc/self/task/<pid>/stat), to tell the script's own
 * thread from V8's GC and compiler threads, which process.cpuUsage() counts too. Undefined elsewhere.
 */
import { readFileSync } from 'node:fs';

const CLOCK_TICK_MS = 10;

export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}
