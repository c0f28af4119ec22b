// Microsoft's own Excel client library (@microsoft/office-js, the file real Excel on the web loads)
// in front of the fake workbook: one model, two front ends (issue 20). The library builds every
// request exactly as it does in Excel — proxies, load/sync, null objects, Excel.run's references and
// its cleanup request — and this host end executes the request JSON against the fake's object model.
// The seam and the wire format are in ../shared/spec/OFFICEJS-WIRE.md (copied in docs/ as notes):
// OfficeExtension.SessionBase._overrideSession, requests { Actions, ObjectPaths }, answers
// { Results: [{ ActionId, Value }], Error? }.
/* eslint-disable @typescript-eslint/no-explicit-any -- the host dispatches the wire's names onto the
   fake's objects, and the library is a plain script loaded in a vm: both are typed at run time only. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { FakeExcel, FakeOfficeError, FakeRequestContext, type FakeExcelOptions, type FakeWorkbookModel } from './fakeExcel';

/** Resolved from the working folder (the repository root, in Jest and in bench/), also when bundled. */
const LIBRARY = createRequire(path.join(process.cwd(), 'package.json')).resolve('@microsoft/office-js/dist/excel-web-16.00.js');

/** ObjectPathType and ActionType numbers of the request format. */
const PATH = { global: 1, method: 3, property: 4, indexer: 5, reference: 6, nullObject: 7 } as const;
const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;

interface WirePath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: (number | null)[] };
}
interface WireAction {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: (number | null)[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}
interface WireRequest {
  Actions: WireAction[];
  ObjectPaths: Record<string, WirePath>;
}

/** One request as it went over the wire: its UTF-8 size and its flags (1 write, 64 delay-for-cell-edit). */
export interface WireRequestRecord {
  bytes: number;
  flags: number;
  actions: number;
  /** Only _RemoveReference actions: Excel.run's cleanup at the end of a run. */
  cleanup: boolean;
  /** UTF-8 bytes of the answer's JSON (Excel on the web also limits answers to 5 MB). */
  responseBytes: number;
}

export interface WireExcel {
  /** The library's Excel.run, answered by the fake. */
  run: (...args: unknown[]) => Promise<unknown>;
  isSetSupported: (name: string, version?: string) => boolean;
  fake: FakeExcel;
  requests: WireRequestRecord[];
  /**
   * Answer the next requests larger than `bytes` with RequestPayloadSizeLimitExceeded (Excel on the
   * web refuses requests over 5 MB as a whole: nothing in them runs).
   */
  requestLimit: number | null;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The library in a fresh vm context with the few browser globals it touches. */
function loadLibrary(): Record<string, any> {
  const win: Record<string, unknown> = {
    navigator: { userAgent: 'node' },
    location: { href: 'https://localhost/taskpane.html', protocol: 'https:', hostname: 'localhost' },
    document: { getElementsByTagName: () => [], createElement: () => ({ setAttribute() {}, style: {} }), addEventListener() {}, readyState: 'complete' },
    addEventListener() {},
    removeEventListener() {},
    setTimeout,
    clearTimeout,
    console,
  };
  win.window = win;
  win.self = win;
  const context = vm.createContext(win);
  vm.runInContext(fs.readFileSync(LIBRARY, 'utf8'), context, { filename: path.basename(LIBRARY) });
  return context as Record<string, any>;
}

let library: Record<string, any> | null = null;

/**
 * A wire-level Excel over the fake model. The library is loaded once per test file; each call gets
 * its own session (the seam is global to the library, so one wire Excel at a time).
 */
export function createWireExcel(model: FakeWorkbookModel, options: FakeExcelOptions = {}): WireExcel {
  library ??= loadLibrary();
  const OE = library.OfficeExtension;
  const fake = new FakeExcel(model, options);
  const wire: WireExcel = {
    fake,
    requests: [],
    requestLimit: null,
    isSetSupported: fake.isSetSupported,
    run: (...args: unknown[]) => library!.Excel.run(...args),
  };
  const host = new WireHost(fake, wire);

  class Session extends OE.SessionBase {
    _resolveRequestUrlAndHeaderInfo() {
      return OE.CoreUtility._createPromiseFromResult(null);
    }
    _createRequestExecutorOrNull() {
      return {
        executeAsync: (_customData: unknown, flags: number, message: { Body: WireRequest }) => host.execute(flags, message.Body),
      };
    }
  }
  OE.SessionBase._overrideSession = new Session();
  return wire;
}

type Proxy = any;

/** Executes requests against the fake: the fake's proxies stand for the wire's object paths. */
class WireHost {
  private readonly ctx: FakeRequestContext;
  /** Objects kept across requests by Excel.run's references (_KeepReference → _ReferenceId). */
  private readonly references = new Map<string, Proxy>();
  private nextReference = 1;

  constructor(private readonly fake: FakeExcel, private readonly wire: WireExcel) {
    this.ctx = new FakeRequestContext(fake);
  }

  async execute(flags: number, request: WireRequest): Promise<unknown> {
    const text = JSON.stringify(request);
    if (process.env.WIRE_DEBUG) console.log(text);
    const bytes = Buffer.byteLength(text, 'utf8');
    // Excel.run's cleanup: the workbook instantiated, then only _RemoveReference calls.
    const removals = request.Actions.filter((a) => a.ActionType === ACTION.method && a.Name === '_RemoveReference').length;
    const cleanup = removals > 0 && request.Actions.every((a) => (a.ActionType === ACTION.method && a.Name === '_RemoveReference') || a.ActionType === ACTION.instantiate);
    const record: WireRequestRecord = { bytes, flags, actions: request.Actions.length, cleanup, responseBytes: 0 };
    this.wire.requests.push(record);
    const reply = (body: unknown) => {
      record.responseBytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
      return answer(body);
    };
    if (this.wire.requestLimit !== null && bytes > this.wire.requestLimit) {
      return reply({ Results: [], Error: { Code: 'RequestPayloadSizeLimitExceeded', Message: 'The request payload size has exceeded the limit.', HttpStatusCode: 413 } });
    }
    if ((flags & 64) === 0 && this.fake.options.cellEditing) {
      return reply({ Results: [], Error: { Code: 'InvalidOperationInCellEditMode', Message: 'Excel is in cell-editing mode.', HttpStatusCode: 400 } });
    }
    const objects = new Map<number, Proxy>();
    const resolve = (id: number): Proxy => {
      if (objects.has(id)) return objects.get(id);
      const p = request.ObjectPaths[String(id)];
      if (!p) throw new FakeOfficeError('InvalidObjectPath', `No object path ${id}.`);
      const obj = this.object(p, resolve);
      objects.set(id, obj);
      return obj;
    };
    // Queue every action on the fake, in order; the fake runs them in one sync, as Excel does.
    const pending: { action: WireAction; read: () => unknown }[] = [];
    let failedAt = -1;
    try {
      request.Actions.forEach((action, index) => {
        failedAt = index;
        const read = this.queue(action, resolve);
        if (read) pending.push({ action, read });
      });
      failedAt = -1;
      await this.ctx.sync();
    } catch (e) {
      const err = e instanceof FakeOfficeError ? e : new FakeOfficeError('GeneralException', String((e as Error)?.message ?? e));
      return reply({ Results: [], Error: { Code: err.code, Message: err.message, HttpStatusCode: 400, ...(failedAt >= 0 ? { ActionIndex: failedAt } : {}) } });
    }
    const results = pending.map(({ action, read }) => ({ ActionId: action.Id, Value: read() }));
    return reply({ Results: results });
  }

  /** The fake proxy an object path stands for. */
  private object(p: WirePath, resolve: (id: number) => Proxy): Proxy {
    switch (p.ObjectPathType) {
      case PATH.global:
        return this.ctx.workbook;
      case PATH.property: {
        const parent = resolve(p.ParentObjectPathId!);
        const v = parent[camel(p.Name)];
        if (v === undefined) throw new FakeOfficeError('ApiNotFound', `The fake has no ${p.Name}.`);
        return v;
      }
      case PATH.method: {
        const parent = resolve(p.ParentObjectPathId!);
        if (p.Name === 'GetItemAt' && isCollection(parent) && typeof (parent as Proxy).getItemAt !== 'function') {
          // Items loaded without an id are addressed by position. The fake has no positional
          // proxies: the item is taken from the collection as it stands when the request arrives.
          const index = Number(this.args(p.ArgumentInfo, resolve)[0]);
          const keys = (parent as unknown as { keys(): unknown[] }).keys();
          if (!(index >= 0 && index < keys.length)) throw new FakeOfficeError('ItemNotFound', `No item at ${index}.`);
          return (parent as unknown as { makeItem(k: unknown): Proxy }).makeItem(keys[index]);
        }
        const fn = parent[camel(p.Name)];
        if (typeof fn !== 'function') throw new FakeOfficeError('ApiNotFound', `The fake has no ${p.Name}().`);
        return fn.apply(parent, this.args(p.ArgumentInfo, resolve));
      }
      case PATH.indexer: {
        const parent = resolve(p.ParentObjectPathId!);
        return parent.getItem(...this.args(p.ArgumentInfo, resolve));
      }
      case PATH.reference: {
        const obj = this.references.get(p.Name);
        if (!obj) throw new FakeOfficeError('InvalidObjectPath', `Reference ${p.Name} is gone.`);
        return obj;
      }
      case PATH.nullObject:
        return null;
      default:
        throw new FakeOfficeError('InvalidObjectPath', `Object path type ${p.ObjectPathType}.`);
    }
  }

  private args(info: WirePath['ArgumentInfo'], resolve: (id: number) => Proxy): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
      if (id) args[i] = resolve(id);
    });
    return args;
  }

  /** Queues one action on the fake; returns how to read its answer after the sync, if it has one. */
  private queue(action: WireAction, resolve: (id: number) => Proxy): (() => unknown) | null {
    const obj = resolve(action.ObjectPathId);
    switch (action.ActionType) {
      case ACTION.instantiate:
        return () => this.instantiated(obj);
      case ACTION.query: {
        const select = action.QueryInfo?.Select ?? [];
        const collection = isCollection(obj);
        if (select.length > 0) obj.load(collection ? select.map((s: string) => `items/${s}`) : select);
        else obj.load();
        return () => (collection ? { _Items: obj.items.map((item: Proxy) => this.snapshot(item, select)) } : obj.isNullObject ? null : this.snapshot(obj, select));
      }
      case ACTION.method: {
        if (action.Name === '_KeepReference') {
          const id = `ref-${this.nextReference++}`;
          this.references.set(id, obj);
          (obj as { __wireRef?: string }).__wireRef = id;
          return null;
        }
        if (action.Name === '_RemoveReference') return null;
        // The library's own check that a values array fits the range; the fake checks it itself.
        if (action.Name === '_ValidateArraySize') return null;
        const fn = obj[camel(action.Name)];
        if (typeof fn !== 'function') throw new FakeOfficeError('ApiNotFound', `The fake has no ${action.Name}().`);
        const result = fn.apply(obj, this.args(action.ArgumentInfo, resolve));
        return () => (result && typeof result === 'object' && 'value' in result ? result.value : null);
      }
      case ACTION.setProperty:
        obj[camel(action.Name)] = this.args(action.ArgumentInfo, resolve)[0];
        return null;
      default:
        return null;
    }
  }

  private instantiated(obj: Proxy): unknown {
    if (obj === null) return null;
    const ref = (obj as { __wireRef?: string }).__wireRef;
    if (ref) return { _ReferenceId: ref };
    return {};
  }

  /**
   * The loaded properties of a proxy, PascalCase, nested for "format/fill/color"; a collection on
   * the way ("areas/address") answers { _Items: [...] } with the rest of the path for each item.
   */
  private snapshot(obj: Proxy, select: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const groups = new Map<string, string[]>();
    for (const s of select) {
      const [head, ...rest] = s.split('/');
      const list = groups.get(head) ?? [];
      if (rest.length > 0) list.push(rest.join('/'));
      groups.set(head, list);
    }
    for (const [head, rests] of groups) {
      const value = obj[head];
      if (rests.length === 0) out[pascal(head)] = value;
      else if (isCollection(value)) out[pascal(head)] = { _Items: value.items.map((item: Proxy) => this.snapshot(item, rests)) };
      else out[pascal(head)] = value === null || value === undefined ? value : this.snapshot(value, rests);
    }
    return out;
  }
}

const isCollection = (obj: unknown): obj is { items: Proxy[] } => obj !== null && typeof obj === 'object' && 'items' in obj;

function answer(body: unknown): Promise<unknown> {
  return Promise.resolve({ HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: body });
}
