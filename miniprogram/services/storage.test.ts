import { config, type AppConfig } from '../config';
import { useWx } from '../test-utils/wx';
import { UPLOAD_ERROR, imageUrls, uploadImage } from './storage';

useWx();

type UploadOptions = Parameters<typeof wx.uploadFile>[0];
type RequestOptions = Parameters<typeof wx.request>[0];
type UploadAnswer = { data: string; statusCode: number } | 'fail';

const original: AppConfig = { ...config };
const LOCAL_ID = 'cloud://local-dev.6c6f-local-dev-1300000000/posts/1-0.png';

let cloudUpload: jest.Mock<Promise<{ fileID: string }>, [{ cloudPath: string; filePath: string }]>;

function runAs(envVersion: 'develop' | 'trial' | 'release'): void {
  jest
    .spyOn(wx, 'getAccountInfoSync')
    .mockReturnValue({ miniProgram: { appId: 'touristappid', envVersion, version: '' } } as never);
}

/** wx.uploadFile answering `answer`; returns the options it was called with. */
function localUpload(answer: UploadAnswer): UploadOptions[] {
  const calls: UploadOptions[] = [];
  jest.spyOn(wx, 'uploadFile').mockImplementation((options) => {
    calls.push(options);
    if (answer === 'fail') options.fail?.({ errMsg: 'uploadFile:fail connect ECONNREFUSED' });
    else options.success?.({ ...answer, errMsg: 'uploadFile:ok' } as never);
    return undefined as never;
  });
  return calls;
}

function localRequest(answer: { data: unknown; statusCode: number } | 'fail'): RequestOptions[] {
  const calls: RequestOptions[] = [];
  jest.spyOn(wx, 'request').mockImplementation((options) => {
    calls.push(options);
    if (answer === 'fail') options.fail?.({ errMsg: 'request:fail', errno: 0 } as never);
    else options.success?.({ ...answer, header: {}, cookies: [], errMsg: 'request:ok' } as never);
    return undefined as never;
  });
  return calls;
}

beforeEach(() => {
  cloudUpload = jest.fn();
  Object.assign(wx.cloud, { uploadFile: cloudUpload });
  runAs('develop');
});

afterEach(() => {
  Object.assign(config, original);
});

describe('uploadImage() to the cloud', () => {
  it('uploads with wx.cloud.uploadFile and answers its file ID', async () => {
    cloudUpload.mockResolvedValue({ fileID: 'cloud://prod-1.7072-prod-1/posts/1-0.png' });
    const calls = localUpload({ data: '{}', statusCode: 200 });
    expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toEqual({
      ok: true,
      data: { fileID: 'cloud://prod-1.7072-prod-1/posts/1-0.png' },
    });
    expect(cloudUpload).toHaveBeenCalledWith({ cloudPath: 'posts/1-0.png', filePath: 'wxfile://tmp_a.png' });
    expect(calls).toHaveLength(0);
  });

  it('turns a failed upload into UPLOAD_FAILED', async () => {
    cloudUpload.mockRejectedValue(new Error('cloud.uploadFile:fail timeout'));
    expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toEqual({ ok: false, error: UPLOAD_ERROR });
    expect(UPLOAD_ERROR).toEqual({ code: 'UPLOAD_FAILED', message: '图片上传失败，请重试' });
  });

  it('stays on the cloud in a trial build even when configured for the local cloud', async () => {
    Object.assign(config, { backend: 'local' });
    runAs('trial');
    cloudUpload.mockResolvedValue({ fileID: 'cloud://prod-1.7072-prod-1/posts/1-0.png' });
    const calls = localUpload({ data: '{}', statusCode: 200 });
    expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toMatchObject({ ok: true });
    expect(calls).toHaveLength(0);
  });
});

describe('uploadImage() to the local cloud', () => {
  beforeEach(() => {
    Object.assign(config, { backend: 'local', localUrl: 'http://127.0.0.1:3999', localOpenid: 'oTEST' });
  });

  it('sends the file and its cloud path to /storage/upload and answers the file ID', async () => {
    const calls = localUpload({ data: JSON.stringify({ fileID: LOCAL_ID }), statusCode: 200 });
    expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toEqual({ ok: true, data: { fileID: LOCAL_ID } });
    expect(calls).toEqual([
      expect.objectContaining({
        url: 'http://127.0.0.1:3999/storage/upload',
        filePath: 'wxfile://tmp_a.png',
        name: 'file',
        formData: { cloudPath: 'posts/1-0.png' },
        header: { 'x-wx-openid': 'oTEST' },
      }),
    ]);
    expect(cloudUpload).not.toHaveBeenCalled();
  });

  it("passes the local cloud's refusal through", async () => {
    localUpload({
      data: JSON.stringify({ code: 'STORAGE_INVALID_PATH', message: '云存储路径无效：../x.png' }),
      statusCode: 400,
    });
    expect(await uploadImage('wxfile://tmp_a.png', '../x.png')).toEqual({
      ok: false,
      error: { code: 'STORAGE_INVALID_PATH', message: '云存储路径无效：../x.png' },
    });
  });

  it('answers UPLOAD_FAILED when the local cloud is unreachable or answers no file ID', async () => {
    localUpload('fail');
    expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toEqual({ ok: false, error: UPLOAD_ERROR });
    jest.restoreAllMocks();
    runAs('develop');
    for (const answer of [
      { data: '<html>502</html>', statusCode: 502 },
      { data: '{"fileID":""}', statusCode: 200 },
      { data: '{"ok":true}', statusCode: 200 },
    ]) {
      localUpload(answer);
      expect(await uploadImage('wxfile://tmp_a.png', 'posts/1-0.png')).toEqual({ ok: false, error: UPLOAD_ERROR });
    }
  });
});

describe('imageUrls()', () => {
  it('leaves cloud file IDs to <image> on the cloud, without a request', async () => {
    const calls = localRequest('fail');
    expect(await imageUrls(['cloud://prod-1.7072-prod-1/a.png'])).toEqual(['cloud://prod-1.7072-prod-1/a.png']);
    expect(calls).toHaveLength(0);
  });

  describe('on the local cloud', () => {
    beforeEach(() => {
      Object.assign(config, { backend: 'local', localUrl: 'http://127.0.0.1:3999' });
    });

    it('asks /storage/temp-urls and answers the URLs in order, keeping the ID of a missing file', async () => {
      const missing = 'cloud://local-dev.6c6f-local-dev-1300000000/posts/gone.png';
      const url = 'http://127.0.0.1:3999/storage/files/posts/1-0.png?t=1796000000';
      const calls = localRequest({
        data: {
          fileList: [
            { fileID: missing, tempFileURL: '', status: 1 },
            { fileID: LOCAL_ID, tempFileURL: url, status: 0 },
          ],
        },
        statusCode: 200,
      });
      expect(await imageUrls([LOCAL_ID, missing])).toEqual([url, missing]);
      expect(calls).toEqual([
        expect.objectContaining({
          url: 'http://127.0.0.1:3999/storage/temp-urls',
          method: 'POST',
          data: { fileList: [LOCAL_ID, missing] },
        }),
      ]);
    });

    it('keeps the IDs when the local cloud is unreachable, and asks nothing for no images', async () => {
      const calls = localRequest('fail');
      expect(await imageUrls([LOCAL_ID])).toEqual([LOCAL_ID]);
      expect(await imageUrls([])).toEqual([]);
      expect(calls).toHaveLength(1);
    });
  });
});
