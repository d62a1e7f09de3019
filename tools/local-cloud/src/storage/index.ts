/**
 * Cloud storage for the local cloud, behind the same actions the SDK uses:
 * - uploadFile: `storage.getUploadMetadata`, then a PUT of the bytes to the returned URL
 *   (served here under /storage/upload/<ticket>);
 * - getTempFileURL / downloadFile: `storage.batchGetDownloadUrl`, then a GET of the temp URL
 *   (/storage/files/<cloudPath>?t=<expiry>), which expires on the local-cloud clock;
 * - deleteFile: `storage.batchDeleteFile`.
 * The mini-program's own uploads and temp URLs (wx.uploadFile / plain requests in DevTools) go
 * through server.ts's POST /storage/upload and POST /storage/temp-urls, which call put / tempUrl.
 * Files live on disk (e.g. .local-cloud/storage/) or, without a directory, in memory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock';
import type { AdminReply } from '../runtime';

export interface StorageOptions {
  envId: string;
  /** The local server's origin, e.g. http://127.0.0.1:PORT; read whenever a URL is issued. */
  baseUrl: () => string;
  clock: Clock;
  /** Folder for the files; omitted: kept in memory. */
  dir?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export class StorageError extends Error {
  constructor(
    readonly code: 'STORAGE_INVALID_PATH',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** What getTempFileURL issues when the caller gives no maxAge. */
const DEFAULT_MAX_AGE_S = 86_400;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Rejected because they would not survive the temp URL (the SDK encodeURI()s it) or escape the folder. */
export function checkCloudPath(cloudPath: string): string {
  const segments = cloudPath.split('/');
  if (
    cloudPath === '' ||
    cloudPath.length > 850 ||
    cloudPath.startsWith('/') ||
    /[?#%\\\u0000-\u001f]/.test(cloudPath) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new StorageError('STORAGE_INVALID_PATH', `云存储路径无效：${cloudPath}`);
  }
  return cloudPath;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function cosError(status: number, code: string, message: string): HttpAnswer {
  // The SDK parses COS's XML error and reads Code, Message, RequestId and TraceId.
  const id = randomUUID();
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource></Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
  return { status, contentType: 'application/xml', body: Buffer.from(xml) };
}

export class Storage {
  private readonly memory = new Map<string, Buffer>();
  private readonly tickets = new Map<string, string>();
  private readonly prefix: string;

  constructor(private readonly opts: StorageOptions) {
    // Real file IDs name the env and its bucket: cloud://<env>.<hex>-<env>-<appid>/<path>.
    const hex = Buffer.from(opts.envId.slice(0, 2)).toString('hex');
    this.prefix = `cloud://${opts.envId}.${hex}-${opts.envId}-1300000000/`;
  }

  fileIdOf(cloudPath: string): string {
    return this.prefix + checkCloudPath(cloudPath);
  }

  /** The cloud path of a file ID of this environment, or undefined. */
  cloudPathOf(fileId: string): string | undefined {
    if (!fileId.startsWith(this.prefix)) return undefined;
    try {
      return checkCloudPath(fileId.slice(this.prefix.length));
    } catch {
      return undefined;
    }
  }

  // ---- direct access (seeding and inspecting in tests, client-side uploads) ----------------------

  put(cloudPath: string, content: Buffer): string {
    checkCloudPath(cloudPath);
    if (this.opts.dir) {
      const file = join(this.opts.dir, cloudPath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    } else {
      this.memory.set(cloudPath, Buffer.from(content));
    }
    return this.fileIdOf(cloudPath);
  }

  get(fileId: string): Buffer | undefined {
    const cloudPath = this.cloudPathOf(fileId);
    if (cloudPath === undefined) return undefined;
    if (!this.opts.dir) return this.memory.get(cloudPath);
    const file = join(this.opts.dir, cloudPath);
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  /** A temp URL for the file, valid for maxAgeS on the local-cloud clock; undefined when it does not exist. */
  tempUrl(fileId: string, maxAgeS: number = DEFAULT_MAX_AGE_S): string | undefined {
    const cloudPath = this.cloudPathOf(fileId);
    if (cloudPath === undefined || this.get(fileId) === undefined) return undefined;
    const nowS = Math.floor(this.opts.clock.now() / 1000);
    return `${this.opts.baseUrl()}/storage/files/${cloudPath}?t=${nowS + maxAgeS}`;
  }

  remove(fileId: string): boolean {
    const cloudPath = this.cloudPathOf(fileId);
    if (cloudPath === undefined || this.get(fileId) === undefined) return false;
    if (this.opts.dir) rmSync(join(this.opts.dir, cloudPath));
    else this.memory.delete(cloudPath);
    return true;
  }

  // ---- /admin actions ------------------------------------------------------------------------

  handleAdmin(action: string, body: unknown): AdminReply {
    const requestId = randomUUID();
    const params = asRecord(body);
    switch (action) {
      case 'storage.getUploadMetadata': {
        const path = params['path'];
        let fileId: string;
        try {
          fileId = this.fileIdOf(typeof path === 'string' ? path : '');
        } catch (err) {
          return { requestId, code: 'INVALID_PARAM', message: (err as Error).message };
        }
        const ticket = randomUUID();
        this.tickets.set(ticket, fileId);
        return {
          requestId,
          data: {
            url: `${this.opts.baseUrl()}/storage/upload/${ticket}`,
            token: 'local-cos-token',
            authorization: 'local-cos-authorization',
            fileId,
            cosFileId: ticket,
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(params['file_list']) ? params['file_list'] : [];
        const download_list = list.map((item: unknown) => {
          const entry = asRecord(item);
          const fileID = typeof entry['fileid'] === 'string' ? entry['fileid'] : '';
          const maxAge = typeof entry['max_age'] === 'number' ? entry['max_age'] : DEFAULT_MAX_AGE_S;
          const tempFileURL = this.tempUrl(fileID, maxAge);
          if (tempFileURL === undefined) {
            return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' };
          }
          return { fileID, tempFileURL, code: 'SUCCESS', maxAge };
        });
        return { requestId, data: { download_list } };
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(params['fileid_list']) ? params['fileid_list'] : [];
        const delete_list = list.map((item: unknown) => {
          const fileID = typeof item === 'string' ? item : '';
          return { fileID, code: this.remove(fileID) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
        });
        return { requestId, data: { delete_list } };
      }
      default:
        return { requestId, code: 'INVALID_ACTION', message: `本地云不支持的操作：${action}` };
    }
  }

  // ---- plain HTTP (the COS side) -------------------------------------------------------------

  /** Serves /storage/*; undefined for any other path. */
  handleHttp(method: string, url: string, body: Buffer): HttpAnswer | undefined {
    const parsed = new URL(url, 'http://local');
    const upload = /^\/storage\/upload\/([^/]+)$/.exec(parsed.pathname);
    if (upload) {
      const fileId = this.tickets.get(upload[1] ?? '');
      if (method !== 'PUT' || fileId === undefined)
        return cosError(403, 'AccessDenied', 'upload ticket invalid or used');
      this.tickets.delete(upload[1] ?? '');
      this.put(this.cloudPathOf(fileId) ?? '', body);
      return { status: 200, contentType: 'text/plain', body: Buffer.alloc(0) };
    }
    if (parsed.pathname.startsWith('/storage/files/')) {
      if (method !== 'GET' && method !== 'HEAD') return cosError(405, 'MethodNotAllowed', method);
      let cloudPath: string;
      try {
        cloudPath = decodeURIComponent(parsed.pathname.slice('/storage/files/'.length));
      } catch {
        return cosError(400, 'InvalidURI', parsed.pathname);
      }
      const expires = Number(parsed.searchParams.get('t'));
      if (!Number.isFinite(expires) || expires * 1000 < this.opts.clock.now()) {
        return cosError(403, 'AccessDenied', 'Request has expired');
      }
      const content =
        this.cloudPathOf(this.prefix + cloudPath) === undefined ? undefined : this.get(this.prefix + cloudPath);
      if (content === undefined) return cosError(404, 'NoSuchKey', 'The specified key does not exist.');
      const ext = cloudPath.slice(cloudPath.lastIndexOf('.') + 1).toLowerCase();
      // HEAD gets the body too: the server sets Content-Length from it and Node drops the bytes.
      return { status: 200, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', body: content };
    }
    return undefined;
  }
}
