// Writing a file so that a crash or a full disk never leaves half of it under the real name: a
// temporary file in the same folder, then a rename. Used for the copies, the overview and --json.
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from '../files/errors';
import type { FileSet } from './paths';

export function writeAtomic(file: string, data: string | Uint8Array, inputs?: FileSet): void {
  if (inputs?.has(file)) throw new CliError(`输出文件 ${path.basename(file)} 与输入文件相同，已拒绝覆盖`);
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* never written */
    }
    throw err;
  }
}
