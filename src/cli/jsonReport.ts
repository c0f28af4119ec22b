// The JSON report (docs/REPORT.md) written file by file as the run goes (issue 21): the text is the
// same as JSON.stringify(report, null, 2), but no run holds every file's findings to build one
// string at the end (30,000 files: hundreds of MB of string, then out of memory). --json FILE goes
// through a temporary file renamed into place only when the report is complete, so a full disk or a
// crash never leaves half a report under the real name; --json - goes to stdout as it comes.
import fs from 'node:fs';
import path from 'node:path';
import type { Report, ReportFile } from '../core/report';

/** Where the text goes: stdout, or the temporary file. */
export interface Sink {
  write(text: string): void;
}

const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

export class JsonReportWriter {
  private files = 0;
  private readonly summary: Report['summary'] = { files: 0, tables: 0, errors: 0, warnings: 0, infos: 0 };

  constructor(
    private readonly sink: Sink,
    profile: string,
  ) {
    sink.write(`{\n  "version": 1,\n  "profile": ${JSON.stringify(profile)},\n  "files": [`);
  }

  add(file: ReportFile): void {
    this.sink.write(`${this.files++ ? ',' : ''}\n    ${indent(JSON.stringify(file, null, 2), '    ')}`);
    this.summary.files++;
    this.summary.tables += file.tables.length;
    for (const f of file.findings) {
      if (f.severity === 'error') this.summary.errors++;
      else if (f.severity === 'warning') this.summary.warnings++;
      else this.summary.infos++;
    }
  }

  /** Closes the document; returns the run's totals (the report's summary). */
  end(): Report['summary'] {
    this.sink.write(`${this.files ? '\n  ' : ''}],\n  "summary": ${indent(JSON.stringify(this.summary, null, 2), '  ')}\n}\n`);
    return { ...this.summary };
  }
}

/** A file written through a temporary one in the same folder, renamed into place by `commit`. */
export class AtomicFileSink implements Sink {
  private readonly fd: number;
  private readonly tmp: string;

  constructor(private readonly file: string) {
    const dir = path.dirname(path.resolve(file));
    fs.mkdirSync(dir, { recursive: true });
    this.tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = fs.openSync(this.tmp, 'w');
  }

  write(text: string): void {
    const buf = Buffer.from(text, 'utf8');
    for (let off = 0; off < buf.length; ) off += fs.writeSync(this.fd, buf, off);
  }

  commit(): void {
    fs.closeSync(this.fd);
    fs.renameSync(this.tmp, this.file);
  }

  abandon(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
    try {
      fs.unlinkSync(this.tmp);
    } catch {
      /* never made */
    }
  }
}
