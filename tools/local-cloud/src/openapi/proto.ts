/**
 * The wire messages of `wx.openApi`, transcribed from the static protobuf code bundled in
 * wx-server-sdk 4.0.2 (src/protobuf/openapi.js: field ids and types as its encode/decode use them).
 * Only the messages the local cloud reads or writes are declared.
 */
import { parse, type Type } from 'protobufjs';

const PROTO = `
syntax = "proto3";

message KeyValuePair {
  string key = 1;
  bytes value = 2;
  string contenttype = 3;
  string filename = 4;
}

message OpenApiData {
  repeated KeyValuePair pairs = 1;
}

message CommApiData {
  enum ApiType {
    OPEN_API = 0;
    INNER_API = 1;
    SVRKIT_API = 2;
    TOKEN_API = 3;
  }
  ApiType apiType = 1;
  OpenApiData openapiData = 2;
  string appid = 6;
}

message HttpHeader {
  string key = 1;
  string value = 2;
}

message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
`;

const root = parse(PROTO, { keepCase: true }).root;
const CommApiData: Type = root.lookupType('CommApiData');
const CommOpenApiResp: Type = root.lookupType('CommOpenApiResp');

export const API_TYPE_OPEN_API = 0;

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** The SDK's snake_cased parameters, each value JSON text. */
  pairs: Array<{ key: string; value: Buffer }>;
}

export interface OpenApiResponse {
  respData: Buffer;
  contentType: string;
  errorCode: number;
  httpCode: number;
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

function text(obj: unknown, key: string): string {
  const value = field(obj, key);
  return typeof value === 'string' ? value : '';
}

/** Throws on bytes that are not a CommApiData. */
export function decodeRequest(buf: Buffer): OpenApiRequest {
  const obj: unknown = CommApiData.toObject(CommApiData.decode(buf), { defaults: true, arrays: true, enums: Number });
  const pairs = field(field(obj, 'openapiData'), 'pairs');
  return {
    apiType: Number(field(obj, 'apiType') ?? 0),
    appid: text(obj, 'appid'),
    pairs: (Array.isArray(pairs) ? pairs : []).map((p: unknown) => {
      const value = field(p, 'value');
      return { key: text(p, 'key'), value: Buffer.from(value instanceof Uint8Array ? value : []) };
    }),
  };
}

export function encodeResponse(resp: OpenApiResponse): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(resp)).finish());
}

/** For tests: what the SDK sends, and what it decodes. */
export function encodeRequest(req: OpenApiRequest): Buffer {
  return Buffer.from(
    CommApiData.encode(
      CommApiData.fromObject({ apiType: req.apiType, appid: req.appid, openapiData: { pairs: req.pairs } }),
    ).finish(),
  );
}

export function decodeResponse(buf: Buffer): OpenApiResponse {
  const obj: unknown = CommOpenApiResp.toObject(CommOpenApiResp.decode(buf), { defaults: true });
  const data = field(obj, 'respData');
  return {
    respData: Buffer.from(data instanceof Uint8Array ? data : []),
    contentType: text(obj, 'contentType'),
    errorCode: Number(field(obj, 'errorCode') ?? 0),
    httpCode: Number(field(obj, 'httpCode') ?? 0),
  };
}
