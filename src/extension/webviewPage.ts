/**
 * What every webview page of the extension starts with: a strict CSP with a nonce, the bundled
 * stylesheet, nothing remote. A page's own markup follows; nothing of a flow ever goes into it
 * (flows reach a page as data in messages).
 */

export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** The page's bundle under dist/webview, as the page may load it. */
  scriptUri: string;
  /** The page's stylesheet under dist/webview. */
  styleUri: string;
  nonce: string;
}

/** `<!DOCTYPE html>` to `<body>`: the CSP, the stylesheet and the title; `images` allows `img` from the extension and data URLs. */
export function pageHead(title: string, resources: PageResources, options: { images?: boolean } = {}): string {
  const { cspSource, nonce } = resources;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    ...(options.images ? [`img-src ${cspSource} data:`] : []),
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(nonce)}" href="${attr(resources.styleUri)}">
<title>${attr(title)}</title>
</head>
<body>
`;
}

/** The page's bundle, loaded with the nonce, and the end of the document. */
export function pageFoot(resources: PageResources): string {
  return `<script nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>
`;
}

/** Text made safe inside an HTML attribute or element (escapes the characters that could end one). */
export function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 32 random characters from [A-Za-z0-9] (Web Crypto: in the Node extension host and a browser alike). */
export function createNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  let nonce = '';
  for (const byte of bytes) nonce += chars[byte % chars.length];
  return nonce;
}
