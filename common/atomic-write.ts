/**
 * Writes a file so a reader never sees half of it: a crash or Ctrl-C mid-write leaves the old
 * file or the new one, never a truncated mix (temporary file in the same directory, then rename).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
