/**
 * multipart/form-data as @cloudbase/node-sdk sends it (form-data package). Binary-safe: undici's
 * FormData parser would decode the protobuf `requestData` part as UTF-8 text, since it has no filename.
 */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const fields = new Map<string, Buffer>();
  if (!boundary) return fields;
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2] ?? ''}`);
  // The first delimiter has no leading CRLF; prepending one lets every part be found the same way.
  const data = Buffer.concat([Buffer.from('\r\n'), body]);
  let at = data.indexOf(delimiter);
  while (at !== -1) {
    const partStart = at + delimiter.length;
    if (data.subarray(partStart, partStart + 2).toString() === '--') break;
    const headersEnd = data.indexOf('\r\n\r\n', partStart);
    const next = headersEnd === -1 ? -1 : data.indexOf(delimiter, headersEnd);
    if (next === -1) break;
    const name = /\bname="([^"]*)"/i.exec(data.subarray(partStart, headersEnd).toString('utf8'))?.[1];
    if (name !== undefined) fields.set(name, Buffer.from(data.subarray(headersEnd + 4, next)));
    at = next;
  }
  return fields;
}
