/**
 * Images to cloud storage, on either backend. The real cloud takes `wx.cloud.uploadFile`; in a
 * DevTools build pointed at the local cloud (config.backend 'local') the same file goes to the
 * local cloud's POST /storage/upload, which answers a file ID of its own environment that the
 * functions' getTempFileURL / downloadFile resolve, as a real upload's ID is in production.
 */
import type { ApiError, ApiResult } from '../../typings/common';
import { config, currentBackend } from '../config';

export const UPLOAD_ERROR: ApiError = { code: 'UPLOAD_FAILED', message: '图片上传失败，请重试' };

export interface Uploaded {
  fileID: string;
}

function errorIn(body: unknown): ApiError | undefined {
  if (typeof body !== 'object' || body === null || !('code' in body) || !('message' in body)) return undefined;
  const { code, message } = body;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : undefined;
}

function parsed(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

function uploadToCloud(localPath: string, cloudPath: string): Promise<ApiResult<Uploaded>> {
  return wx.cloud.uploadFile({ cloudPath, filePath: localPath }).then(
    (res): ApiResult<Uploaded> => ({ ok: true, data: { fileID: res.fileID } }),
    (): ApiResult<Uploaded> => ({ ok: false, error: UPLOAD_ERROR }),
  );
}

function uploadToLocal(localPath: string, cloudPath: string): Promise<ApiResult<Uploaded>> {
  return new Promise((resolve) => {
    wx.uploadFile({
      url: `${config.localUrl}/storage/upload`,
      filePath: localPath,
      name: 'file',
      formData: { cloudPath },
      header: { 'x-wx-openid': config.localOpenid },
      success: (res) => {
        // wx.uploadFile hands the body over as text, whatever its content type.
        const body = parsed(res.data);
        const fileID =
          typeof body === 'object' && body !== null && 'fileID' in body && typeof body.fileID === 'string'
            ? body.fileID
            : '';
        if (res.statusCode === 200 && fileID !== '') resolve({ ok: true, data: { fileID } });
        else resolve({ ok: false, error: errorIn(body) ?? UPLOAD_ERROR });
      },
      fail: () => resolve({ ok: false, error: UPLOAD_ERROR }),
    });
  });
}

export const OPEN_ERROR: ApiError = { code: 'OPEN_FAILED', message: '附件打开失败，请重试' };

/**
 * Opens a stored document (PDF, Word, Excel…) in WeChat's viewer: downloaded from cloud storage (or,
 * in a local-cloud build, from its temp URL) and handed to wx.openDocument. Never rejects.
 */
export async function openFile(fileID: string): Promise<ApiResult<null>> {
  const fail = (): ApiResult<null> => ({ ok: false, error: OPEN_ERROR });
  const local = currentBackend() === 'local';
  const url = local ? ((await imageUrls([fileID]))[0] ?? fileID) : '';
  const filePath = await new Promise<string>((resolve) => {
    if (local)
      wx.downloadFile({
        url,
        success: (res) => resolve(res.statusCode === 200 ? res.tempFilePath : ''),
        fail: () => resolve(''),
      });
    else
      wx.cloud.downloadFile({ fileID }).then(
        (res) => resolve(res.tempFilePath),
        () => resolve(''),
      );
  });
  if (!filePath) return fail();
  return new Promise((resolve) => {
    wx.openDocument({
      filePath,
      showMenu: true,
      success: () => resolve({ ok: true, data: null }),
      fail: () => resolve(fail()),
    });
  });
}

/** Uploads one image from the device (a chooseMedia temp path) to `cloudPath`; never rejects. */
export function uploadImage(localPath: string, cloudPath: string): Promise<ApiResult<Uploaded>> {
  return currentBackend() === 'local' ? uploadToLocal(localPath, cloudPath) : uploadToCloud(localPath, cloudPath);
}

interface TempUrlEntry {
  fileID: string;
  tempFileURL: string;
}

function isTempUrlEntry(value: unknown): value is TempUrlEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'fileID' in value &&
    typeof value.fileID === 'string' &&
    'tempFileURL' in value &&
    typeof value.tempFileURL === 'string'
  );
}

/**
 * What an <image> can show for each file ID, in order. The real cloud's <image> renders cloud://
 * IDs itself; DevTools cannot fetch the local cloud's IDs, so they become its temp URLs. A file
 * without a URL (missing, or the local cloud unreachable) keeps its ID: it shows nothing, as before.
 */
export function imageUrls(fileIDs: readonly string[]): Promise<string[]> {
  if (fileIDs.length === 0 || currentBackend() !== 'local') return Promise.resolve([...fileIDs]);
  return new Promise((resolve) => {
    wx.request({
      url: `${config.localUrl}/storage/temp-urls`,
      method: 'POST',
      data: { fileList: [...fileIDs] },
      header: { 'content-type': 'application/json' },
      success: (res) => {
        const body = parsed(res.data);
        const list = typeof body === 'object' && body !== null && 'fileList' in body ? body.fileList : undefined;
        const urls = new Map(
          (Array.isArray(list) ? list : []).filter(isTempUrlEntry).map((e) => [e.fileID, e.tempFileURL] as const),
        );
        resolve(fileIDs.map((id) => urls.get(id) || id));
      },
      fail: () => resolve([...fileIDs]),
    });
  });
}
