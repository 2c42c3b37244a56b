import { lstat, mkdir, readdir, readlink, rename, rm, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Points `link` at `target` atomically: a new symlink is made beside it, then renamed over it.
 * rename(2) replaces the old link in one step, so a web server whose root is the link sees either
 * the old build or the new one, never a missing or half-written directory.
 */
export async function swapLink(link: string, target: string): Promise<void> {
  await mkdir(path.dirname(link), { recursive: true });
  const temp = `${link}.next-${process.pid}-${Date.now()}`;
  // Relative, so the site directory can be moved or mounted elsewhere without breaking the link.
  await symlink(path.relative(path.dirname(link), target), temp, 'dir');
  try {
    await rename(temp, link);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The absolute directory the link points at, or null when there is no link yet. */
export async function currentTarget(link: string): Promise<string | null> {
  try {
    return path.resolve(path.dirname(link), await readlink(link));
  } catch {
    return null;
  }
}

/**
 * Removes all but the newest `keep` builds (names sort by time), never the one the link points at:
 * a server may still be reading it. Returns the removed directories.
 */
export async function pruneBuilds(buildsDir: string, link: string, keep: number): Promise<string[]> {
  const current = await currentTarget(link);
  const names = (await readdir(buildsDir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
  const old = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(buildsDir, n));
  const removed: string[] = [];
  for (const dir of old) {
    if (dir === current || !(await lstat(dir)).isDirectory()) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
