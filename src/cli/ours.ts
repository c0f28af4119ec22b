// Our highlighted copies on disk (files/ours.ts tells them by content, never by name).
import fs from 'node:fs';
import { READ_LIMITS } from '../files/limits';
import { isOurCopyBytes } from '../files/ours';

export function isOurCopy(file: string | Buffer): boolean {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= READ_LIMITS.fileBytes && isOurCopyBytes(fs.readFileSync(file));
  } catch {
    return false;
  }
}
