// PGlite is one process's database: a second process opening the same folder does not fail, it
// loses writes and can leave the folder unreadable ("Aborted()" on the next start). So the folder
// is locked for its process: `<folder>.lock` holds the pid, taken over only when that process is
// gone (killed, crashed), released on close and on exit.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class FolderInUse extends Error {
  override readonly name = 'FolderInUse';
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Locks `dir` for this process; the function it returns releases it. */
export function lockFolder(dir: string): () => void {
  const path = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(path, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new FolderInUse(
          `${dir} is in use by process ${holder} (another portalkit backend or npm start?). Stop it, or give this one another folder (PORTALKIT_DATA_DIR, --data-dir).`,
        );
      // Its process is gone: the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new FolderInUse(`${dir}: could not take ${path}.`);
}
