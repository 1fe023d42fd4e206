/**
 * A host body parser that ran before the BFF (docs/embedding.md "Mount before body parsers"). The proxy
 * streams bodies upstream and the BFF's own endpoints parse theirs: a body already read would leave the
 * BFF waiting for bytes that never come, so the request is refused at once with
 * `500 BFF_BODY_ALREADY_READ`, and the log says what to change.
 * A request without a body (no `Content-Length` above 0, no `Transfer-Encoding`) is never refused: a
 * parser leaves those alone anyway.
 */
import type { IncomingMessage } from 'node:http';

export function isBodyAlreadyRead(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return false;
  // body-parser (Express) marks `_body`; any parser leaves `body` set; a read stream says so itself.
  const marked = req as IncomingMessage & { _body?: unknown; body?: unknown };
  return marked._body === true || marked.body !== undefined || req.readableDidRead || req.readableEnded;
}
