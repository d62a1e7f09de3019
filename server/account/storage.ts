/**
 * Cloud storage for the account lifecycle: the setup images (第十二条) must be in storage before a task
 * counts as done, filings carry their documents, and the matrix workbook goes out through a temporary
 * link. The same SDK calls run against the local cloud and CloudBase.
 */
import { cloud } from '../cloud';

/** Temporary links of the files that exist (a missing file is simply absent from the answer). */
export async function tempUrls(fileIDs: readonly string[], maxAgeS = 3600): Promise<Map<string, string>> {
  const wanted = [...new Set(fileIDs)].filter((id) => id !== '');
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const res = await cloud.getTempFileURL({ fileList: wanted.map((fileID) => ({ fileID, maxAge: maxAgeS })) });
  for (const item of res?.fileList ?? []) {
    if (item.status === 0 && item.tempFileURL) out.set(item.fileID, item.tempFileURL);
  }
  return out;
}

export async function fileExists(fileID: string): Promise<boolean> {
  return (await tempUrls([fileID], 60)).has(fileID);
}

export async function uploadBuffer(cloudPath: string, content: Buffer): Promise<string> {
  const res = await cloud.uploadFile({ cloudPath, fileContent: content });
  return res.fileID;
}
