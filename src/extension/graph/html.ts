/** The flow graph page's HTML: a strict CSP with a nonce, the bundled script and stylesheet, nothing remote. */

export interface GraphPageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** URI of dist/webview/graph.js as the page may load it. */
  scriptUri: string;
  /** URI of dist/webview/graph.css. */
  styleUri: string;
  nonce: string;
}

export function graphPageHtml(resources: GraphPageResources): string {
  const { cspSource, nonce } = resources;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(nonce)}" href="${attr(resources.styleUri)}">
<title>Flow graph</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Flow graph view">
  <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
  <button type="button" id="fit" title="Fit to view (0)" aria-label="Fit to view">Fit</button>
  <button type="button" id="tidy" title="Lay the flow out afresh, forgetting where steps were dragged" aria-label="Tidy up the layout" hidden>Tidy up</button>
  <button type="button" id="maximize" title="Let the graph take the whole editor area (again to give it back)" aria-label="Maximize the graph">&#x2922;</button>
  <button type="button" id="test-call" title="Call this version and press keys as the caller (Test Call)" aria-label="Test call">&#x260E;</button>
  <span id="title" class="title"></span>
  <span id="status" class="status" role="status"></span>
</div>
<div id="locked" class="locked" role="status" hidden><span id="locked-text"></span> <button type="button" id="edit-draft">Edit (new draft)</button></div>
<div id="changes" class="changes-legend" role="status" aria-label="Changes marked on the graph" hidden>
  <span id="changes-text"></span>
  <span class="legend-key legend-added" id="legend-added">added</span>
  <span class="legend-key legend-changed" id="legend-changed">changed</span>
  <span class="legend-key legend-rewired" id="legend-rewired">rewired</span>
  <span class="legend-key legend-removed" id="legend-removed">removed</span>
  <button type="button" id="hide-changes" title="Show this version's graph without the changes">Hide changes</button>
</div>
<div id="palette" class="palette" role="toolbar" aria-label="Add a step: drag a type onto the canvas or onto a line, or press Enter" hidden></div>
<ul id="file-problems" class="file-problems" hidden></ul>
<div class="workspace">
<svg id="canvas" class="canvas" role="group" aria-label="Call flow diagram" tabindex="-1">
  <defs id="defs"></defs>
  <g id="viewport"><g id="edges"></g><g id="nodes"></g><g id="overlay"></g></g>
</svg>
<div id="type-menu" class="type-menu" role="menu" aria-label="Add a step of which type?" hidden></div>
<aside id="properties" class="properties" aria-label="Step properties" tabindex="-1" hidden></aside>
</div>
<p id="empty" class="empty" hidden>No steps to draw yet.</p>
<div id="announce" class="sr-only" aria-live="polite"></div>
<script nonce="${attr(nonce)}" src="${attr(resources.scriptUri)}"></script>
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
